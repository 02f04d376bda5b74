-- The Lifelong Learning Week in a unit's area by kind of activity and mode. params: unit_code (area), year
select w.activity, a.vi as activity_vi, a.en as activity_en, w.mode, m.vi as mode_vi, m.en as mode_en,
       count(distinct w.unit_code) as units, sum(w.events) as events, sum(w.participants) as participants
from week_activities w
join unit_ancestors x on x.descendant = w.unit_code and x.year = w.year and x.ancestor = $1
join record_choices a on a.field = 'activity' and a.id = w.activity
join record_choices m on m.field = 'mode' and m.id = w.mode
where w.year = $2
group by all
order by participants desc
