-- Levels of indicators that no standard derives (e.g. a title's level): reported only.
insert into unit_levels
select r.unit_code, r.year, r.indicator, '', u.tier, r.level, null, null, r.level, 'reported', null
from level_reported r
join level_units u on u.code = r.unit_code and u.year = r.year
where r.indicator not in (select indicator from level_standards);

create or replace table unit_levels as select * from unit_levels order by indicator, unit_code, year;
create or replace table level_shortfalls as select * from level_shortfalls order by indicator, unit_code, year, level, subject;
