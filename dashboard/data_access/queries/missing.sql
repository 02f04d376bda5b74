-- Communes of a unit that sent nothing for an indicator group in a year when the others did.
-- params: unit_code
with reported as (
    select o.unit_code, o.year, i."group"
    from observations o join indicators i on i.id = o.indicator
    group by all
),
expected as (
    select a.descendant as code, a.year, r."group"
    from unit_ancestors a
    join (select distinct year, "group" from reported) r on r.year = a.year
    where a.ancestor = $1 and a.descendant_tier = 'commune'
)
select e.year, e.code, u.name, d.name as district_name, e."group"
from expected e
join unit_years u on u.code = e.code and u.year = e.year
join unit_years d on d.code = u.parent_code and d.year = u.year
where not exists (select 1 from reported r where r.unit_code = e.code and r.year = e.year and r."group" = e."group")
order by e.year desc, d.name collate vi, u.name collate vi
