-- Literacy and post-literacy classes in a unit's area for one year, by programme.
-- params: unit_code (area), year
select c.programme, ch.vi, ch.en, ch.literacy_level,
       count(distinct c.unit_code) as units, sum(c.classes) as classes, sum(c.enrolled) as enrolled,
       sum(c.completed) as completed
from literacy_classes c
join unit_ancestors a on a.descendant = c.unit_code and a.year = c.year and a.ancestor = $1
join record_choices ch on ch.field = 'programme' and ch.id = c.programme
where c.year = $2
group by all
order by c.programme
