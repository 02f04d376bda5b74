-- staged_observations: raw text cells normalised (NFC, trimmed) and typed; failed casts stay NULL
-- beside their text so that rejects.sql can name what was found. Whole numbers must be written as such
-- (DuckDB would round '1.5' to 2).
create or replace temp table staged_observations as
with cleaned as (
    select
        file,
        row,
        nullif(trim(nfc_normalize(unit_code)), '') as unit_code,
        nullif(trim(year), '') as year_text,
        nullif(trim(nfc_normalize(indicator)), '') as indicator,
        nullif(trim(numerator), '') as numerator_text,
        nullif(trim(denominator), '') as denominator_text,
        nullif(trim(value), '') as value_text,
        nullif(trim(level), '') as level_text,
        nullif(trim(nfc_normalize(source)), '') as source,
        nullif(trim(provisional), '') as provisional_text,
        batch
    from raw_observations
),
final as (
    select
        *,
        case when regexp_full_match(year_text, '-?[0-9]+') then try_cast(year_text as integer) end as year,
        try_cast(numerator_text as double) as numerator,
        try_cast(denominator_text as double) as denominator,
        try_cast(value_text as double) as value,
        case when regexp_full_match(level_text, '-?[0-9]+') then try_cast(level_text as integer) end as level,
        case when provisional_text is null or provisional_text = '0' then false
             when provisional_text = '1' then true end as provisional
    from cleaned
)
select * from final;
