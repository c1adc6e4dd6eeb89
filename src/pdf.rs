//! Printouts as PDF (A4): the same text the desk prints, set in a CJK font found on this
//! computer, of which only the characters used are embedded (krilla subsets the font). When no
//! CJK font is found the caller keeps the text file and says why (`NoCjkFont`).
//!
//! The text is laid out as the plain-text printout is: one line per line, the printout's
//! columns kept (a CJK character is two columns, a Latin one one), a line centred with spaces
//! centred on the page, continuation lines indented under their label.

use std::path::{Path, PathBuf};

use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use unicode_width::UnicodeWidthStr;

/// The families looked for, in order: Noto Sans CJK and Source Han (the same design), then
/// the older Chinese system fonts.
pub const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "NSimSun",
    "宋体",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
];

/// Where fonts are looked for instead of the system's folders (a site that keeps its fonts
/// elsewhere). An empty folder means: no CJK font, print text.
pub const FONT_DIR_ENV: &str = "SUQIU_FONT_DIR";

/// No CJK font on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoCjkFont;

/// A CJK font found: its family, its file and its data.
#[derive(Clone)]
pub struct CjkFont {
    pub family: String,
    pub path: Option<PathBuf>,
    font: Font,
}

/// Finds the first of `CJK_FAMILIES` on this computer (or in `SUQIU_FONT_DIR`).
pub fn find_cjk_font() -> Result<CjkFont, NoCjkFont> {
    let mut db = fontdb::Database::new();
    match std::env::var_os(FONT_DIR_ENV) {
        Some(dir) => db.load_fonts_dir(dir),
        None => db.load_system_fonts(),
    }
    for family in CJK_FAMILIES {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            ..Default::default()
        };
        let Some(id) = db.query(&query) else { continue };
        let path = db.face_source(id).and_then(|(src, _)| match src {
            fontdb::Source::File(p) => Some(p),
            _ => None,
        });
        let Some((data, index)) = db.with_face_data(id, |data, index| (data.to_vec(), index))
        else {
            continue;
        };
        if let Some(font) = Font::new(data.into(), index) {
            return Ok(CjkFont {
                family: (*family).to_string(),
                path,
                font,
            });
        }
    }
    Err(NoCjkFont)
}

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// 2 cm margins.
const MARGIN: f32 = 56.7;
/// 五号 (10.5 pt), the size of official documents' body text.
const SIZE: f32 = 10.5;
/// A footnote line (`# 审计链头…`): 小五 (9 pt).
const SMALL: f32 = 9.0;
const LEADING: f32 = 1.55;

/// One line as set: where it starts, its size, its text.
struct Set {
    x: f32,
    size: f32,
    text: String,
}

/// Lays the printout's lines out for the page width: centred lines centred, indents kept,
/// lines wider than the page wrapped (a closing punctuation mark never starts a line).
fn set_lines(text: &str) -> Vec<Set> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut out = vec![];
    for raw in text.lines() {
        let raw: String = raw.chars().filter(|c| !c.is_control()).collect();
        let (size, body) = match raw.strip_prefix("# ") {
            Some(rest) => (SMALL, rest.to_string()),
            None => (SIZE, raw.clone()),
        };
        let col = size / 2.0;
        let lead = body.len() - body.trim_start_matches(' ').len();
        let trimmed = body.trim();
        if trimmed.is_empty() {
            out.push(Set {
                x: MARGIN,
                size,
                text: String::new(),
            });
            continue;
        }
        // The printout centres a title with spaces on both sides.
        let centred = lead >= 6 && body.ends_with(' ');
        let columns = ((width / col) as usize).saturating_sub(lead);
        for (i, piece) in crate::paper::wrap(trimmed, columns.max(8))
            .into_iter()
            .enumerate()
        {
            let w = piece.width() as f32 * col;
            let x = if centred {
                MARGIN + ((width - w) / 2.0).max(0.0)
            } else {
                MARGIN + lead as f32 * col + if i > 0 { 2.0 * col } else { 0.0 }
            };
            out.push(Set {
                x,
                size,
                text: piece,
            });
        }
    }
    out
}

/// The printout `text` as an A4 PDF titled `title`, with "第 n 页 共 m 页" at each page's foot.
pub fn text_to_pdf(text: &str, title: &str, font: &CjkFont) -> Result<Vec<u8>, String> {
    let lines = set_lines(text);
    let bottom = PAGE_H - MARGIN - SIZE * 2.0;
    // Pages first, so that each foot can say how many there are.
    let mut pages: Vec<Vec<(f32, &Set)>> = vec![vec![]];
    let mut y = MARGIN + SIZE;
    for l in &lines {
        let step = l.size * LEADING;
        if y > bottom {
            pages.push(vec![]);
            y = MARGIN + SIZE;
        }
        if let Some(p) = pages.last_mut() {
            p.push((y, l));
        }
        y += step;
    }
    let mut doc = Document::new();
    let total = pages.len();
    for (n, page_lines) in pages.iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| "A4 page size".to_string())?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for (y, l) in page_lines {
            if l.text.is_empty() {
                continue;
            }
            surface.draw_text(
                Point::from_xy(l.x, *y),
                font.font.clone(),
                l.size,
                &l.text,
                false,
                TextDirection::Auto,
            );
        }
        let foot = format!("第 {} 页 共 {total} 页", n + 1);
        let w = foot.width() as f32 * SMALL / 2.0;
        surface.draw_text(
            Point::from_xy((PAGE_W - w) / 2.0, PAGE_H - MARGIN / 2.0),
            font.font.clone(),
            SMALL,
            &foot,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("suqiu".to_string()),
    );
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// Writes `text` as a PDF to `path` (through a `.part` file and a rename, so that a killed
/// process leaves no half a PDF).
pub fn write_pdf(path: &Path, text: &str, title: &str, font: &CjkFont) -> std::io::Result<()> {
    let bytes = text_to_pdf(text, title, font).map_err(std::io::Error::other)?;
    let part = path.with_extension("pdf.part");
    std::fs::write(&part, bytes)?;
    std::fs::rename(&part, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centred_titles_are_centred_indents_kept_and_long_lines_wrapped() {
        let text = format!(
            "{:^52}\n  诉求人：张三\n{}\n# 审计链头：第 1 条事件",
            "群众诉求“一单制”办理单",
            "很长的一行".repeat(30)
        );
        let set = set_lines(&text);
        let title = &set[0];
        assert!(title.x > MARGIN + 100.0, "centred: {}", title.x);
        assert_eq!(set[1].x, MARGIN + 2.0 * SIZE / 2.0);
        assert!(set.len() > 4, "the long line wraps");
        assert_eq!(set.last().unwrap().size, SMALL);
        for s in &set {
            assert!(!s.text.starts_with('。'));
        }
    }
}
