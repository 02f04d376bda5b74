-- history_years: the years before settings.first_year (from settings.history_from) that observation files report,
-- with the finest tier they report in that year. unit_years covers them down to that tier only, so that a national
-- series back to 2008 does not multiply every commune by every history year.
-- grain: year. Inputs: raw_observations, units, settings.
create or replace table history_years as
with reported as (
    select try_cast(trim(r.year) as integer) as year, u.tier
    from raw_observations r
    join units u on u.code = trim(r.unit_code)
    where regexp_full_match(trim(r.year), '[0-9]{4}')
),
final as (
    select year,
           max(case tier when 'country' then 0 when 'province' then 1 when 'district' then 2 else 3 end) as finest
    from reported, settings st
    where year >= st.history_from and year < st.first_year
    group by year
)
select * from final;
