-- Communes below a literacy level: the people still needed (NĐ 20 shortfall) beside the learners who completed
-- a class of that literacy level the same year, and what remains after them.
-- params: unit_code (area), year, level indicator (xmc)
with short as (
    select s.unit_code, s.level, s.subject, s.to_close
    from level_shortfalls s
    join unit_ancestors a on a.descendant = s.unit_code and a.year = s.year and a.ancestor = $1
    where s.year = $2 and s.indicator = $3 and s.to_close is not null
),
learners as (
    select c.unit_code, ch.literacy_level as level, sum(c.classes) as classes, sum(c.enrolled) as enrolled,
           sum(c.completed) as completed
    from literacy_classes c
    join record_choices ch on ch.field = 'programme' and ch.id = c.programme
    where c.year = $2 and ch.literacy_level is not null
    group by all
)
select u.code, u.name, d.name as parent_name, s.level, s.subject, s.to_close,
       coalesce(l.classes, 0) as classes, coalesce(l.enrolled, 0) as enrolled, coalesce(l.completed, 0) as completed,
       greatest(0, s.to_close - coalesce(l.completed, 0)) as remaining
from short s
join unit_years u on u.code = s.unit_code and u.year = $2 and u.tier = 'commune'  -- districts lack communes, not people
left join unit_years d on d.code = u.parent_code and d.year = u.year
left join learners l on l.unit_code = s.unit_code and l.level = s.level
order by remaining desc, u.name collate vi
