-- The inputs of the NĐ 20 derivation for the post-reform communes in the years before the reform: their
-- comparable ratios (comparable_ratios.sql). A new commune counts as ĐBKK only when every old commune it took in
-- was ĐBKK that year. No reported level: recognition decisions were made for the old units.
create or replace temp table level_inputs as
select unit_code, year, indicator, numerator, denominator, value
from comparable_ratios
where tier = 'commune';

create or replace temp table level_reported as
select * from level_reported where false;

create or replace temp table level_units as
with parts as (
    select x.new_code as code, u.year, bool_and(u.dbkk) as dbkk
    from reform_crosswalk x
    join unit_years u on u.code = x.old_code and u.tier = 'commune'
    group by all
)
select p.code, p.year, 'commune' as tier, null::varchar as parent_code, p.dbkk,
       exists (select 1 from level_inputs i where i.unit_code = p.code and i.year = p.year) as has_data
from parts p;
