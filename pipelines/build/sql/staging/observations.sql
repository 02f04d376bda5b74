-- observations: the staged rows with no problem, typed. grain: unit_code × year × indicator (unique).
create or replace table observations as
with accepted as (
    select s.*
    from staged_observations s
    anti join rejects r on r.file = s.file and r.row = s.row
),
final as (
    select unit_code, year, indicator, numerator, denominator, value, level, source, file, row
    from accepted
)
select * from final
order by indicator, unit_code, year;
