-- unit_years: one row per unit × data year: a unit belongs to a year when it is valid at the year's end
-- (31/12), the map a year's reports describe. So 2025 is on the post-reform map (from 1/7/2025), 2024 on the
-- old one; a unit merged away during a year reports under its successor for that year.
-- The programme's years (settings.first_year–target_year) have every unit; a history year (history_years) has the
-- units down to the finest tier reported that year.
-- Inputs: units (registry), dbkk (flags), settings, history_years.
create or replace table unit_years as
with years as (
    select unnest(range(first_year, target_year + 1)) as year, 3 as finest from settings
    union all
    select year, finest from history_years
),
valid as (
    select u.code, y.year, u.name, u.type, u.tier, nullif(u.parent_code, '') as parent_code, u.valid_from
    from units u
    join years y
      on u.valid_from <= make_date(y.year, 12, 31)
     and u.valid_to >= make_date(y.year, 12, 31)
     and (case u.tier when 'country' then 0 when 'province' then 1 when 'district' then 2 else 3 end) <= y.finest
    qualify row_number() over (partition by u.code, y.year order by u.valid_from desc) = 1
),
final as (
    select v.code, v.year, v.name, v.type, v.tier, v.parent_code,
           exists (
               select 1 from dbkk d
               where d.code = v.code
                 and d.valid_from <= make_date(v.year, 12, 31)
                 and d.valid_to >= make_date(v.year, 12, 31)
           ) as dbkk
    from valid v
)
select * from final;
