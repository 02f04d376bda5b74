-- The Week of a year (dates and theme, from records.yaml) and the totals of a unit's area.
-- params: unit_code (area), year, the online mode (settings.pages.online_mode)
select k.year, k.start_date, k.end_date, k.theme,
       (select count(*) from unit_ancestors a where a.ancestor = $1 and a.year = $2 and a.descendant_tier = 'commune') as communes,
       (select count(distinct w.unit_code) from week_activities w
          join unit_ancestors a on a.descendant = w.unit_code and a.year = w.year and a.ancestor = $1
         where w.year = $2) as reporting,
       (select coalesce(sum(w.events), 0) from week_activities w
          join unit_ancestors a on a.descendant = w.unit_code and a.year = w.year and a.ancestor = $1
         where w.year = $2) as events,
       (select coalesce(sum(w.participants), 0) from week_activities w
          join unit_ancestors a on a.descendant = w.unit_code and a.year = w.year and a.ancestor = $1
         where w.year = $2) as participants,
       -- the share of participants online (percent; NULL without participants)
       (select 100.0 * coalesce(sum(w.participants) filter (where w.mode = $3), 0) / nullif(sum(w.participants), 0)
          from week_activities w
          join unit_ancestors a on a.descendant = w.unit_code and a.year = w.year and a.ancestor = $1
         where w.year = $2) as online_share
from weeks k
where k.year = $2
