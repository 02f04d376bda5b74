-- vi: Lộ trình đi qua mọi mốc kế hoạch đã công bố: trong năm có mốc, mốc của mỗi đơn vị đúng bằng giá trị đã công bố.
-- en: The path passes through every milestone the plan declares: in a declared year, every unit's milestone is the declared value.
select p.target_id, p.unit_code, p.year, p.milestone, d.milestone as declared
from progress p
join target_points d on d.target_id = p.target_id and d.year = p.year and d.declared
where p.status <> 'not_applicable'
  and (p.milestone is null or abs(p.milestone - d.milestone) > 1e-9)
order by p.target_id, p.unit_code, p.year
