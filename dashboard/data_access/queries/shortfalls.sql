-- What each unit below a level lacks: the criterion, its value, the threshold and how many people (or units).
-- params: unit_code (area), year, level indicator
select s.unit_code as code, u.name, u.tier, d.name as parent_name, s.level, s.subject, s.actual, s.required,
       s.to_close, i.name_vi as subject_vi, i.name_en as subject_en, i.entity_vi, i.entity_en
from level_shortfalls s
join unit_ancestors a on a.descendant = s.unit_code and a.year = s.year and a.ancestor = $1
join unit_years u on u.code = s.unit_code and u.year = s.year
left join unit_years d on d.code = u.parent_code and d.year = u.year
left join indicators i on i.id = s.subject
where s.year = $2 and s.indicator = $3
order by s.level, d.name collate vi, u.name collate vi
