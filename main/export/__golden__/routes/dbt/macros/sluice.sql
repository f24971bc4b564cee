{# Paths and run date of the Sluice export; the defaults match runtime.py of the other targets. #}

{% macro sluice_run_date() -%}
  {%- set value = (env_var('SLUICE_RUN_DATE', '') or run_started_at.strftime('%Y-%m-%d')) | string -%}
  {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value[:10]) -%}
    {{ exceptions.raise_compiler_error('SLUICE_RUN_DATE must look like 2024-01-31, got ' ~ value) }}
  {%- endif -%}
  {{- return(value[:10]) -}}
{%- endmacro %}

{% macro sluice_work_location(node_id) -%}
  {{- return(env_var('SLUICE_WORK_ROOT', ".sluice-work") ~ '/' ~ node_id ~ '/' ~ sluice_run_date() ~ '.parquet') -}}
{%- endmacro %}

{% macro sluice_output_location(path) -%}
  {{- return(env_var('SLUICE_OUTPUT_ROOT', env_var('SLUICE_DATA_ROOT', ".")) ~ '/' ~ path) -}}
{%- endmacro %}
