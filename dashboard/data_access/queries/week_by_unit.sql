-- The Lifelong Learning Week in a unit's area: per child unit, activities held, participants (in person and
-- online) and how many of its communes reported. params: unit_code (area), year, the online mode
with area as (
    select a.descendant as code, a.descendant_tier as tier
    from unit_ancestors a
    where a.ancestor = $1 and a.year = $2
),
child as (
    select u.code, u.name
    from unit_years u
    where u.parent_code = $1 and u.year = $2
),
communes as (
    select c.code as child, a.descendant as commune
    from child c
    join unit_ancestors a on a.ancestor = c.code and a.year = $2 and a.descendant_tier = 'commune'
),
rows as (
    select cm.child, w.unit_code, w.mode, w.events, w.participants
    from week_activities w
    join communes cm on cm.commune = w.unit_code
    where w.year = $2
)
select c.code, c.name,
       count(distinct cm.commune) as communes,
       count(distinct r.unit_code) as reporting,
       coalesce(sum(r.events), 0) as events,
       coalesce(sum(r.participants), 0) as participants,
       coalesce(sum(r.participants) filter (where r.mode = $3), 0) as online
from child c
left join communes cm on cm.child = c.code
left join rows r on r.child = c.code and r.unit_code = cm.commune
group by c.code, c.name
order by c.name collate vi
