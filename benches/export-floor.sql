SELECT t.year || '-' || printf('%06d', t.seq), t.received_at, c.name, t.channel, t.petitioner_names,
  (SELECT group_concat(IFNULL(p.mobile,''), '；') FROM petitioners p WHERE p.ticket_id = t.id),
  (SELECT group_concat(IFNULL(p.resident_id,''), '；') FROM petitioners p WHERE p.ticket_id = t.id),
  (SELECT group_concat(p.address, '；') FROM petitioners p WHERE p.ticket_id = t.id),
  pl.name, t.head_count, cat.name, t.urgency, t.summary, t.content, t.request,
  IFNULL(s.name, l.name), t.stage, t.state, t.round, t.proposed, t.opinion, il.name, t.instruction, t.decision,
  d.name, t.due, t.resolution, IFNULL(t.result, t.answer), t.satisfaction, t.unresolved_closure, t.closed_at,
  (SELECT r.year || '-' || printf('%06d', r.seq) FROM tickets r WHERE r.id = t.repeat_of),
  (SELECT m.year || '-' || printf('%06d', m.seq) FROM tickets m WHERE m.id = t.merged_into)
FROM tickets t JOIN centers c ON c.id = t.center_id
LEFT JOIN places pl ON pl.id = t.place_id LEFT JOIN categories cat ON cat.id = t.category_id
LEFT JOIN staff s ON s.id = t.first_staff_id LEFT JOIN leaders l ON l.id = t.first_leader_id
LEFT JOIN leaders il ON il.id = t.leader_id LEFT JOIN departments d ON d.id = t.department_id
ORDER BY t.id;
