-- level_units, level_inputs, level_reported: what the NĐ 20/2014 level derivation reads.
-- Inputs: unit_years, unit_ancestors, observations, ratio_actuals, indicators (and level_* rule tables).
-- level_units: the units that take part: every unit with an observation in any year and all its ancestors,
--   for every year they are valid; has_data marks unit-years with their own ratios or a reported level.
-- level_inputs: the ratios each unit reported itself (never a rollup): the inputs of a commune's criteria.
-- level_reported: levels reported by a unit (a recognition decision), by level indicator.
create or replace temp table level_inputs as
select unit_code, year, indicator, numerator, denominator, value
from ratio_actuals
where origin = 'reported';

create or replace temp table level_reported as
select o.unit_code, o.year, o.indicator, o.level::integer as level
from observations o
join indicators i on i.id = o.indicator
where i.kind = 'level';

create or replace temp table level_units as
with taking_part as (
    select distinct a.ancestor as code
    from unit_ancestors a
    join observations o on o.unit_code = a.descendant and o.year = a.year
),
with_data as (
    select distinct unit_code, year from level_inputs
    union
    select distinct unit_code, year from level_reported
)
select u.code, u.year, u.tier, u.parent_code, u.dbkk, w.unit_code is not null as has_data
from unit_years u
join taking_part t on t.code = u.code
left join with_data w on w.unit_code = u.code and w.year = u.year;
