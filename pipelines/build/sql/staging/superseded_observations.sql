-- superseded_observations: values replaced by a correction, i.e. the same unit × year × indicator in a later
-- upload committed through the app (batch > 0; a later batch wins). They are kept here with the file that
-- replaced them, and leave staged_observations, so that they are neither duplicates nor observations.
-- grain: file × row of the replaced value.
create or replace table superseded_observations as
with latest as (
    select unit_code, year, indicator, max(batch) as last_batch, arg_max(file, batch) as superseded_by
    from staged_observations
    where batch > 0 and unit_code is not null and year is not null and indicator is not null
    group by all
),
final as (
    select s.unit_code, s.year, s.indicator, s.numerator, s.denominator, s.value, s.level, s.source, s.file, s.row,
           s.batch, l.superseded_by
    from staged_observations s
    join latest l using (unit_code, year, indicator)
    where s.batch < l.last_batch
)
select * from final
order by indicator, unit_code, year, batch;

delete from staged_observations s
using superseded_observations x
where s.file = x.file and s.row = x.row;
