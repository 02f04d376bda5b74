-- rejects: every problem with every staged row, one row per problem (a row can have several).
-- code names a message in pipelines/problems.py; params carries the values the message needs.
create or replace table rejects as
with s as materialized (
    select s.*, i.kind, i.levels,
           exists (select 1 from units u where u.code = s.unit_code) as unit_known
    from staged_observations s
    left join indicators i on i.id = s.indicator
),
validity as (
    select code,
           strftime(min(valid_from), '%d/%m/%Y') as valid_from,
           strftime(max(valid_to), '%d/%m/%Y') as valid_to
    from units group by code
),
checks as (
    -- keys
    select file, row, 'unit_code' as column_name, 'empty_value' as code, '' as found,
           '{"expected_type": "text"}' as params
    from s where unit_code is null
    union all
    select file, row, 'unit_code', 'unknown_unit', unit_code,
           case when exists (select 1 from units u where ltrim(u.code, '0') = ltrim(s.unit_code, '0') and u.code <> s.unit_code)
                then json_object('hint_code', (select min(u.code) from units u where ltrim(u.code, '0') = ltrim(s.unit_code, '0')))::varchar
                else '{}' end
    from s where unit_code is not null and not unit_known
    union all
    select file, row, 'year', 'empty_value', '', '{"expected_type": "year"}'
    from s where year_text is null
    union all
    select file, row, 'year', 'not_an_integer', year_text, '{"expected_type": "year"}'
    from s where year_text is not null and year is null
    union all
    select s.file, s.row, 'year', 'year_out_of_range', s.year_text,
           json_object('first', st.history_from, 'last', st.target_year, 'first_year', st.first_year)::varchar
    from s, settings st where s.year is not null and s.year not between st.history_from and st.target_year
    union all
    select s.file, s.row, 'unit_code', 'unit_not_valid', s.unit_code,
           json_object('year', s.year, 'valid_from', v.valid_from, 'valid_to', v.valid_to)::varchar
    from s join validity v on v.code = s.unit_code
    where s.year is not null
      and not exists (select 1 from unit_years uy where uy.code = s.unit_code and uy.year = s.year)
      and exists (select 1 from settings st where s.year between st.history_from and st.target_year)
    union all
    select file, row, 'indicator', 'empty_value', '', '{"expected_type": "text"}'
    from s where indicator is null
    union all
    select file, row, 'indicator', 'unknown_indicator', indicator, '{}'
    from s where indicator is not null and kind is null
    union all
    select file, row, 'indicator', 'computed_indicator', indicator, '{}'
    from s where kind = 'units_at_level'
    -- numbers that do not parse
    union all
    select file, row, 'numerator', 'not_a_number', numerator_text, '{"expected_type": "integer_ge0"}'
    from s where numerator_text is not null and numerator is null
    union all
    select file, row, 'denominator', 'not_a_number', denominator_text, '{"expected_type": "integer_ge0"}'
    from s where denominator_text is not null and denominator is null
    union all
    select file, row, 'value', 'not_a_number', value_text, '{"expected_type": "percent"}'
    from s where value_text is not null and value is null
    union all
    select file, row, 'level', 'not_an_integer', level_text, '{"expected_type": "integer"}'
    from s where level_text is not null and level is null
    union all
    select file, row, 'provisional', 'not_a_flag', provisional_text, '{}'
    from s where provisional is null
    -- ranges
    union all
    select file, row, 'numerator', 'negative_count', numerator_text, '{}' from s where numerator < 0
    union all
    select file, row, 'denominator', 'negative_count', denominator_text, '{}' from s where denominator < 0
    union all
    select file, row, 'denominator', 'zero_denominator', denominator_text, '{}'
    from s where denominator = 0 and numerator is not null
    union all
    select file, row, 'numerator', 'numerator_gt_denominator', numerator_text,
           json_object('denominator', denominator_text)::varchar
    from s where numerator > denominator and denominator > 0 and numerator >= 0
    union all
    select file, row, 'value', 'percent_out_of_range', value_text, '{}'
    from s where value < 0 or value > 100
    union all
    select file, row, 'level', 'level_out_of_range', level_text,
           json_object('indicator', indicator, 'expected', array_to_string(levels, ', '))::varchar
    from s where kind = 'level' and level is not null and not list_contains(levels, level)
    -- the measure must fit the indicator's kind
    union all
    select file, row, 'numerator', 'missing_values',
           concat_ws(', ',
               case when numerator_text is not null then 'numerator' end,
               case when denominator_text is not null then 'denominator' end,
               case when value_text is not null then 'value' end,
               case when level_text is not null then 'level' end),
           json_object('indicator', indicator, 'kind', kind, 'expected_type', 'ratio_values')::varchar
    from s
    where kind = 'ratio'
      and not ((numerator_text is not null and denominator_text is not null and value_text is null)
               or (numerator_text is null and denominator_text is null and value_text is not null))
      or kind = 'ratio' and level_text is not null
    union all
    select file, row, 'level', 'missing_values',
           concat_ws(', ',
               case when numerator_text is not null then 'numerator' end,
               case when denominator_text is not null then 'denominator' end,
               case when value_text is not null then 'value' end,
               case when level_text is not null then 'level' end),
           json_object('indicator', indicator, 'kind', kind, 'expected_type', 'level_value')::varchar
    from s
    where kind = 'level'
      and (level_text is null or numerator_text is not null or denominator_text is not null or value_text is not null)
    -- the same unit × year × indicator given twice: every copy is refused, never one silently kept
    union all
    select file, row, 'unit_code', 'duplicate',
           concat(unit_code, ' / ', year, ' / ', indicator),
           json_object('other_file', other_file, 'other_row', other_row)::varchar
    from (
        select *,
               coalesce(lead(file) over w, lag(file) over w) as other_file,
               coalesce(lead(row) over w, lag(row) over w) as other_row,
               count(*) over (partition by unit_code, year, indicator) as copies
        from s
        semi join (
            select unit_code, year, indicator from s
            where unit_code is not null and year is not null and indicator is not null
            group by all having count(*) > 1
        ) d using (unit_code, year, indicator)
        window w as (partition by unit_code, year, indicator order by file, row)
    ) where copies > 1
),
final as (
    select * from checks
)
select * from final
order by file, row, column_name, code;
