-- Appends _level_derived (one standard, one tier) to unit_levels and its shortfalls to level_shortfalls.
-- The unit's level is the reported one when it reported (recognition decisions are official), else the
-- derived one when complete (a lower bound counts as unknown downstream); disagreement is flagged.
-- parameters: $standard, $indicator (the level indicator of the standard).
insert into unit_levels
select d.unit_code, d.year, $indicator, $standard, d.tier,
       r.level, d.derived_level, d.derived_complete,
       coalesce(r.level, case when d.derived_complete then d.derived_level end),
       case when r.level is not null then 'reported' else 'derived' end,
       case when r.level is not null and d.derived_level is not null then r.level = d.derived_level end
from _level_derived d
left join level_reported r on r.unit_code = d.unit_code and r.year = d.year and r.indicator = $indicator;

insert into level_shortfalls
select c.unit_code, c.year, $indicator, $standard, c.level, c.subject, c.actual, c.required, c.to_close
from _level_checks c
join _level_derived d on d.unit_code = c.unit_code and d.year = c.year and d.first_bad = c.level
where c.state <> 'ok';
