use super::*;

fn pool(n: usize) -> Vec<Candidate> {
    let cats = RepCategory::ALL;
    (0..n)
        .map(|i| Candidate {
            id: 100 + i as i64,
            name: format!("代表{i}"),
            category: cats[i % cats.len()],
            place: "仙城社区".into(),
        })
        .collect()
}

fn parties(a: &str, b: &str) -> Vec<PartyInput> {
    vec![
        PartyInput {
            label: "申请人".into(),
            salt: vec![1; 16],
            input: a.into(),
        },
        PartyInput {
            label: "被申请人".into(),
            salt: vec![2; 16],
            input: b.into(),
        },
    ]
}

fn seed_for(p: &[Candidate], a: &str, b: &str) -> [u8; 32] {
    seed(
        &pool_hash(p),
        "2026-000123",
        b"fixed-nonce-for-tests",
        &parties(a, b),
    )
}

/// Golden vectors: these orders were produced by this code with rand 0.10.0's ChaCha20Rng.
/// If an upgrade changes them, every past receipt would stop verifying: do not update them.
#[test]
fn known_seeds_give_known_orders() {
    let p = pool(12);
    assert_eq!(hex(&pool_hash(&p)), GOLDEN_POOL_HASH);
    let s = seed_for(&p, "2718", "31415");
    assert_eq!(hex(&s), GOLDEN_SEED);
    let ids: Vec<i64> = order(p.len(), &s).iter().map(|i| p[*i].id).collect();
    assert_eq!(ids, GOLDEN_ORDER);
    let zero = order(10, &[0u8; 32]);
    assert_eq!(zero, GOLDEN_ZERO_ORDER);
}

/// Also computed independently (Python hashlib) from the documented canonical form.
const GOLDEN_POOL_HASH: &str = "b9ca3357cb1f3f05b587639289d30f7b2befcb84ea00cf362154e1d2ec6c5371";
const GOLDEN_SEED: &str = "3002ee5e583b3432dc673ecd2e9eec6a071b084346b40eac35cdef01c2fc43e6";
const GOLDEN_ORDER: [i64; 12] = [104, 102, 111, 106, 109, 100, 105, 108, 110, 101, 103, 107];
const GOLDEN_ZERO_ORDER: [usize; 10] = [9, 7, 3, 6, 1, 4, 8, 5, 2, 0];

#[test]
fn below_is_within_range_and_the_shuffle_is_a_permutation() {
    let mut rng = ChaCha20Rng::from_seed([7; 32]);
    for n in [1u64, 2, 3, 7, 10, 1000, u64::MAX] {
        for _ in 0..100 {
            assert!(below(&mut rng, n) < n);
        }
    }
    let mut o = order(50, &[9; 32]);
    o.sort();
    assert_eq!(o, (0..50).collect::<Vec<_>>());
}

#[test]
fn every_input_changes_the_seed() {
    let p = pool(12);
    let base = seed_for(&p, "1", "2");
    assert_ne!(base, seed_for(&p, "1", "3"));
    assert_ne!(base, seed_for(&p, "12", ""), "inputs are length-prefixed");
    assert_ne!(
        base,
        seed(
            &pool_hash(&p),
            "2026-000124",
            b"fixed-nonce-for-tests",
            &parties("1", "2")
        )
    );
    let mut q = p.clone();
    q[3].name = "代表三".into();
    assert_ne!(pool_hash(&p), pool_hash(&q));
}

#[test]
fn minimums_are_always_honoured() {
    let p = pool(40);
    let s = Settings {
        panel_size: 7,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![
            Minimum {
                categories: vec![RepCategory::LegalProfessional],
                count: 1,
            },
            Minimum {
                categories: vec![
                    RepCategory::PartyDeputy,
                    RepCategory::NpcDeputy,
                    RepCategory::CppccMember,
                ],
                count: 2,
            },
        ],
    };
    feasibility(&p, &s, 2).unwrap();
    for k in 0..500u32 {
        let sd = seed_for(&p, &k.to_string(), "x");
        let o = order(p.len(), &sd);
        let panel = select(&o, &p, &s);
        assert_eq!(panel.len(), 7);
        for m in &s.minimums {
            let n = panel.iter().filter(|i| m.covers(p[**i].category)).count() as u32;
            assert!(n >= m.count, "seed {k}: {n} < {}", m.count);
        }
        // Strikes keep them too.
        let mut panel = panel;
        let mut struck = vec![];
        for _ in 0..2 {
            let member = panel[0];
            let (np, _) = strike(&o, &p, &s, &panel, &struck, member).unwrap();
            struck.push(member);
            panel = np;
            for m in &s.minimums {
                assert!(
                    panel.iter().filter(|i| m.covers(p[**i].category)).count() as u32 >= m.count
                );
            }
        }
    }
}

#[test]
fn without_minimums_selection_is_uniform_by_chi_square() {
    let p = pool(10);
    let s = Settings {
        panel_size: 3,
        alternates: 0,
        strikes_per_party: 0,
        minimums: vec![],
    };
    let trials = 20_000u32;
    let mut counts = [0u32; 10];
    for k in 0..trials {
        let sd = seed_for(&p, &k.to_string(), "chi");
        for i in select(&order(p.len(), &sd), &p, &s) {
            counts[i] += 1;
        }
    }
    let expected = f64::from(trials) * 3.0 / 10.0;
    let chi2: f64 = counts
        .iter()
        .map(|&c| (f64::from(c) - expected).powi(2) / expected)
        .sum();
    // 9 degrees of freedom: the 0.1 % critical value is 27.88.
    assert!(chi2 < 27.88, "chi-square {chi2:.2}, counts {counts:?}");
}

#[test]
fn strikes_take_the_next_alternate_in_order() {
    let p = pool(20);
    let s = Settings {
        panel_size: 5,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![],
    };
    let o = order(p.len(), &seed_for(&p, "a", "b"));
    let panel = select(&o, &p, &s);
    assert_eq!(panel, o[..5].to_vec());
    let (p1, r1) = strike(&o, &p, &s, &panel, &[], panel[2]).unwrap();
    assert_eq!(r1, o[5]);
    assert!(!p1.contains(&panel[2]) && p1.contains(&o[5]));
    let (_, r2) = strike(&o, &p, &s, &p1, &[panel[2]], p1[0]).unwrap();
    assert_eq!(r2, o[6]);
    assert!(
        strike(&o, &p, &s, &panel, &[], o[10]).is_err(),
        "not on the panel"
    );
}

#[test]
fn a_needed_minimum_member_is_replaced_by_the_same_kind_or_not_at_all() {
    // One lawyer only: striking them cannot keep the minimum.
    let mut p = pool(14);
    for c in p.iter_mut() {
        if c.category == RepCategory::LegalProfessional {
            c.category = RepCategory::ResidentRep;
        }
    }
    p[0].category = RepCategory::LegalProfessional;
    let s = Settings {
        panel_size: 3,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![Minimum {
            categories: vec![RepCategory::LegalProfessional],
            count: 1,
        }],
    };
    let o = order(p.len(), &seed_for(&p, "1", "1"));
    let panel = select(&o, &p, &s);
    assert!(panel.contains(&0));
    let e = strike(&o, &p, &s, &panel, &[], 0).unwrap_err();
    assert!(e.zh().contains("必需"));
}

#[test]
fn infeasible_draws_are_explained_before_anyone_types() {
    let p = pool(8);
    let e = feasibility(&p, &Settings::default(), 2).unwrap_err();
    assert!(e.zh().contains("不足"), "{}", e.zh());
    let s = Settings {
        panel_size: 3,
        alternates: 1,
        strikes_per_party: 0,
        minimums: vec![Minimum {
            categories: vec![RepCategory::PartyDeputy],
            count: 3,
        }],
    };
    assert!(feasibility(&p, &s, 2).unwrap_err().zh().contains("党代表"));
    assert!(
        validate_settings(
            &Settings {
                panel_size: 4,
                ..Settings::default()
            },
            2
        )
        .is_err()
    );
    assert!(validate_settings(&Settings::default(), 1).is_err());
    assert!(
        validate_settings(
            &Settings {
                panel_size: 3,
                ..Settings::default()
            },
            0
        )
        .is_ok(),
        "a quick draw of mediators"
    );
}

fn receipt() -> Receipt {
    let p = pool(15);
    let s = Settings {
        panel_size: 5,
        alternates: 3,
        strikes_per_party: 1,
        minimums: vec![Minimum {
            categories: vec![RepCategory::LegalProfessional],
            count: 1,
        }],
    };
    let nonce = b"0123456789abcdef".to_vec();
    let ps = vec![
        PartyInput {
            label: "申请人 张三".into(),
            salt: vec![5; 16],
            input: "8848".into(),
        },
        PartyInput {
            label: "被申请人 李四\"物业\"".into(),
            salt: vec![6; 16],
            input: "任意文字 42".into(),
        },
    ];
    let ph = pool_hash(&p);
    let sd = seed(&ph, "2026-000123", &nonce, &ps);
    let o = order(p.len(), &sd);
    let panel = select(&o, &p, &s);
    let (p1, r1) = strike(&o, &p, &s, &panel, &[], panel[0]).unwrap();
    let (p2, r2) = strike(&o, &p, &s, &p1, &[panel[0]], p1[1]).unwrap();
    Receipt {
        draw_id: 3,
        case: "2026-000123".into(),
        kind: "panel".into(),
        created: "2026-11-26 10:00:00".into(),
        settings: s,
        exclusions: vec![(999, "亲属关系".into())],
        pool: p.clone(),
        pool_hash: hex(&ph),
        nonce: hex(&nonce),
        nonce_hash: hex(&nonce_hash(&nonce)),
        commitments: ps
            .iter()
            .map(|p| hex(&commitment(&p.salt, &p.input)))
            .collect(),
        format: RECEIPT_FORMAT,
        earlier: vec![],
        parties: ps,
        seed: hex(&sd),
        order: o.iter().map(|i| p[*i].id).collect(),
        panel: panel.iter().map(|i| p[*i].id).collect(),
        strikes: vec![
            Strike {
                party: 0,
                member: p[panel[0]].id,
                replacement: p[r1].id,
            },
            Strike {
                party: 1,
                member: p[p1[1]].id,
                replacement: p[r2].id,
            },
        ],
        final_panel: p2.iter().map(|i| p[*i].id).collect(),
    }
}

#[test]
fn a_receipt_round_trips_and_verifies() {
    let r = receipt();
    let text = r.render();
    let back = Receipt::parse(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.verify().unwrap(), r.final_panel);
}

#[test]
fn any_changed_byte_in_a_receipt_fails() {
    let text = receipt().render();
    // Change one character in each line (keeping it valid UTF-8) and check nothing verifies.
    for (n, line) in text.lines().enumerate() {
        let Some(pos) = line
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_ascii_alphanumeric())
            .map(|(i, _)| i)
        else {
            continue;
        };
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let c = lines[n].as_bytes()[pos];
        let replacement = if c == b'0' { '1' } else { '0' };
        lines[n].replace_range(pos..pos + 1, &replacement.to_string());
        let changed = lines.join("\n") + "\n";
        let ok = Receipt::parse(&changed).and_then(|r| r.verify());
        assert!(
            ok.is_err(),
            "line {n} changed and still verifies: {}",
            lines[n]
        );
    }
}

#[test]
fn a_recomputed_checksum_does_not_hide_a_changed_result() {
    let mut r = receipt();
    r.final_panel.swap(0, 1);
    let e = Receipt::parse(&r.render()).unwrap().verify().unwrap_err();
    assert!(e.zh().contains("最终评理团"), "{}", e.zh());
    // An input other than the one committed: the commitment catches it …
    let mut r = receipt();
    r.parties[1].input = "8849".into();
    assert!(
        Receipt::parse(&r.render())
            .unwrap()
            .verify()
            .unwrap_err()
            .zh()
            .contains("承诺")
    );
    // … and, in a receipt of the first format (without commitments), the seed does.
    let mut r = receipt();
    r.format = 1;
    r.commitments = vec![];
    assert!(Receipt::parse(&r.render()).unwrap().verify().is_ok());
    r.parties[1].input = "8849".into();
    assert!(
        Receipt::parse(&r.render())
            .unwrap()
            .verify()
            .unwrap_err()
            .zh()
            .contains("种子")
    );
    let mut r = receipt();
    r.pool[2].name = "冒名".into();
    assert!(
        Receipt::parse(&r.render())
            .unwrap()
            .verify()
            .unwrap_err()
            .zh()
            .contains("哈希")
    );
}

/// A receipt whose readable summary was changed and whose checksum was recomputed: the data
/// lines still verify, but the whole text does not (issue 8 §3).
#[test]
fn a_forged_summary_line_is_named() {
    use sha2::Digest;
    let text = receipt().render();
    assert!(Receipt::verify_text(&text).is_ok());
    let body = &text[..text.rfind("receipt_sha256: ").unwrap()];
    let first_member = body
        .lines()
        .find(|l| l.starts_with("# 评理团 1："))
        .unwrap();
    let forged = body.replace(first_member, "# 评理团 1：冒名顶替（法律政策专业人员）");
    let sum = hex(&sha2::Sha256::digest(forged.as_bytes()));
    let forged = format!("{forged}receipt_sha256: {sum}\n");
    assert!(
        Receipt::parse(&forged).unwrap().verify().is_ok(),
        "the data is intact"
    );
    let e = Receipt::verify_text(&forged).unwrap_err();
    assert!(e.zh().contains("冒名顶替"), "{}", e.zh());
    // The first format still verifies as a whole.
    let mut r = receipt();
    r.format = 1;
    r.commitments = vec![];
    assert!(Receipt::verify_text(&r.render()).is_ok());
}

/// The worked example of docs/draw-protocol.md, whose values were computed by
/// scripts/verify-receipt.py from that document alone.
#[test]
fn the_worked_example_of_docs_draw_protocol() {
    let c = |id, name: &str, category, place: &str| Candidate {
        id,
        name: name.into(),
        category,
        place: place.into(),
    };
    use RepCategory as R;
    let pool = vec![
        c(3, "张三", R::LegalProfessional, "仙城社区"),
        c(5, "李四", R::ResidentRep, "东山社区"),
        c(8, "王五", R::NpcDeputy, "仙城社区"),
        c(9, "赵六", R::ResidentRep, "安家社区"),
        c(12, "钱七", R::VillagerRep, "灯塔村"),
    ];
    let ph = pool_hash(&pool);
    assert_eq!(
        hex(&ph),
        "4cfd50ce990969f3b1f5852848d8a5d20e0a48d23e601c6ebfd3f2ee63e572f9"
    );
    let nonce: Vec<u8> = (0..32).collect();
    assert_eq!(
        hex(&nonce_hash(&nonce)),
        "51911b1f44302882197d36fa22ef53eb4daed4208cb2b285b79de883ea3efb12"
    );
    let parties = vec![
        PartyInput {
            label: "申请人".into(),
            salt: vec![1; 16],
            input: "2718".into(),
        },
        PartyInput {
            label: "被申请人".into(),
            salt: vec![2; 16],
            input: "和为贵".into(),
        },
    ];
    assert_eq!(
        hex(&commitment(&parties[0].salt, &parties[0].input)),
        "153b00ecee7e25ac0f7995905c2cd872b5967e09b07eebbf0a702768b5021655"
    );
    assert_eq!(
        hex(&commitment(&parties[1].salt, &parties[1].input)),
        "dd9d5333dac0fbcdfa2771d18a08ae3aee83ccf04a2a6e642255dd11860465cc"
    );
    let sd = seed(&ph, "2026-000123", &nonce, &parties);
    assert_eq!(
        hex(&sd),
        "248783c6c4834cab3c1de02fcb723e1ed3f17f9ed65b7962e62956871e957d20"
    );
    let mut rng = ChaCha20Rng::from_seed(sd);
    let words: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
    assert_eq!(
        words,
        [
            7798039243703398404,
            4946979464502312543,
            2288129012587263660,
            15437359864256251243
        ]
    );
    let o = order(pool.len(), &sd);
    assert_eq!(o, [2, 1, 0, 3, 4]);
    let s = Settings {
        panel_size: 3,
        alternates: 1,
        strikes_per_party: 1,
        minimums: vec![Minimum {
            categories: vec![R::LegalProfessional],
            count: 1,
        }],
    };
    let panel = select(&o, &pool, &s);
    let ids = |v: &[usize]| v.iter().map(|i| pool[*i].id).collect::<Vec<_>>();
    assert_eq!(ids(&panel), [8, 5, 3]);
    let (after, r) = strike(&o, &pool, &s, &panel, &[], panel[0]).unwrap();
    assert_eq!((pool[r].id, ids(&after)), (9, vec![5, 3, 9]));
}

#[test]
fn the_fast_quoting_is_the_json_quoting() {
    for s in [
        "张三",
        "仙城社区",
        "a\"b",
        "a\\b",
        "x\ny",
        "\u{7f}",
        "\u{85}",
        "é",
        "",
        "1 2",
    ] {
        assert_eq!(q(s), serde_json::to_string(s).unwrap(), "{s:?}");
        assert_eq!(unq(&q(s)).unwrap(), s, "{s:?}");
    }
}

#[test]
fn a_member_pick_says_so_and_its_older_wording_still_verifies() {
    use sha2::{Digest, Sha256};
    let mut r = receipt();
    r.kind = "visit_members".into();
    r.strikes.clear();
    r.final_panel = r.panel.clone();
    let text = r.render();
    assert!(text.starts_with("# 在职党员随机抽取凭据"), "{text}");
    assert!(!text.contains("评理团"));
    // Written before the words said what was drawn: the old summary, its own checksum.
    let old = r.render_body_as(true);
    assert!(old.starts_with("# 群众议事代表抽签凭据"));
    let digest: [u8; 32] = Sha256::digest(old.as_bytes()).into();
    let old_text = format!("{old}receipt_sha256: {}\n", hex(&digest));
    Receipt::verify_text(&text).unwrap();
    Receipt::verify_text(&old_text).unwrap();
    // A changed name in the old wording is still caught.
    let forged = old_text.replacen("# 评理团 1：", "# 评理团 1：冒名", 1);
    assert!(Receipt::verify_text(&forged).is_err());
}
