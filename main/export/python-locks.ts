import type { ExportTarget } from './targets';

/**
 * What each export needs from PyPI. The engine's DuckDB (@duckdb/node-api 1.5.6)
 * and the exports' DuckDB are the same version, so the SQL means the same thing.
 */
export const DUCKDB_VERSION = '1.5.6';
export const UV_VERSION = '0.13.8';

// dbt-core 1.12 depends on dbt-core-experimental-parser, whose sdist downloads its
// binary from GitHub at build time, so it cannot be installed from PyPI alone; 1.11 can.
export const TOP_LEVEL_PINS: Record<ExportTarget, string[]> = {
  airflow: ['apache-airflow==3.3.2', `duckdb==${DUCKDB_VERSION}`],
  dagster: ['dagster==1.13.29', `duckdb==${DUCKDB_VERSION}`],
  prefect: ['prefect==3.9.1', `duckdb==${DUCKDB_VERSION}`],
  dbt: ['dbt-core==1.11.16', 'dbt-duckdb==1.11.1', `duckdb==${DUCKDB_VERSION}`],
  python: [`duckdb==${DUCKDB_VERSION}`],
};

// Full resolutions (`uv pip compile --universal --python-version 3.11`), rewritten by
// `npx tsx scripts/python-env.ts --relock`. Everything below this line is generated.
export const PYTHON_LOCKS: Record<ExportTarget, string> = {
  airflow: `
a2wsgi==1.10.10
aiosmtplib==5.1.3
aiosqlite==0.22.1
alembic==1.20.1
annotated-doc==0.0.7
annotated-types==0.8.0
anyio==4.16.0
apache-airflow==3.3.2
apache-airflow-core==3.3.2
apache-airflow-providers-common-compat==1.23.0
apache-airflow-providers-common-io==1.11.0
apache-airflow-providers-common-sql==2.4.0
apache-airflow-providers-smtp==3.2.0
apache-airflow-providers-standard==1.21.0
apache-airflow-task-sdk==1.3.2
argcomplete==3.7.2
arrow==1.4.0
asgiref==3.13.0
attrs==26.1.0
babel==2.19.0
cachetools==8.0.2
cadwyn==7.0.0
certifi==2026.10.19.post1
cffi==2.1.1 ; platform_python_implementation != 'PyPy'
charset-normalizer==3.5.3
click==8.5.1
colorama==0.4.6 ; sys_platform == 'win32'
colorlog==6.12.0
cron-descriptor==2.2.1
croniter==7.0.0
cryptography==50.0.2
deprecated==1.3.1 ; python_full_version < '3.12'
deprecated==3.0.1 ; python_full_version >= '3.12'
dill==0.4.1
dnspython==2.9.2
duckdb==1.5.6
email-validator==2.4.0
fastapi==0.136.3
fastapi-cli==0.0.34
fsspec==2026.9.0
googleapis-common-protos==1.76.0
greenback==1.3.0
greenlet==3.5.6
grpcio==1.85.3
h11==0.16.0
httpcore==1.0.9
httptools==0.9.0
httpx==0.28.1
idna==3.20
importlib-metadata==10.2.0
isoduration==20.11.0
itsdangerous==2.2.0
jinja2==3.1.6
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
lazy-importer==0.1.0 ; python_full_version < '3.15'
lazy-object-proxy==1.13.0
libcst==1.9.0
linkify-it-py==2.2.0
lockfile==0.12.2
mako==1.4.3
markdown-it-py==4.3.0
markupsafe==3.0.4
mdurl==0.1.2
methodtools==0.4.7
more-itertools==11.2.1
msgspec==0.22.0
natsort==8.4.0
opentelemetry-api==1.45.2
opentelemetry-exporter-http-transport==0.66b2
opentelemetry-exporter-otlp==1.45.2
opentelemetry-exporter-otlp-common==0.66b2
opentelemetry-exporter-otlp-proto-common==1.45.2
opentelemetry-exporter-otlp-proto-grpc==1.45.2
opentelemetry-exporter-otlp-proto-http==1.45.2
opentelemetry-proto==1.45.2
opentelemetry-sdk==1.45.2
opentelemetry-semantic-conventions==0.66b2
outcome==1.3.0.post0
packaging==26.4
pathlib-abc==0.5.2
pathspec==1.1.1
pendulum==3.3.0
pluggy==1.7.0
protobuf==7.36.2
psutil==7.2.2
pycparser==3.12 ; implementation_name != 'PyPy' and platform_python_implementation != 'PyPy'
pydantic==2.14.4
pydantic-core==2.50.5
pydantic-extra-types==2.11.1
pydantic-settings==2.16.3
pygments==2.21.0
pygtrie==2.6.2
pyjwt==2.15.1
python-daemon==3.1.2
python-dateutil==4.0.0
python-dotenv==1.2.4
python-multipart==0.0.34
python-slugify==9.2.0
pyyaml==6.0.4
pyyaml-ft==8.0.0 ; python_full_version == '3.13.*'
referencing==0.37.0
requests==2.34.2
rich==15.0.0
rich-argparse==1.8.0
rich-toolkit==0.20.6
rpds-py==2026.9.1
setproctitle==1.3.8
shellingham==1.5.4
six==1.17.0
sniffio==1.3.1
sqlalchemy==2.1.9
sqlparse==0.6.1
starlette==1.10.0
structlog==26.1.0
svcs==26.2.0
tabulate==0.10.0
tenacity==9.2.1
termcolor==3.3.0
text-unidecode==1.3
typer==0.29.2
typing-extensions==4.16.0
typing-inspection==0.4.5
tzdata==2026.6
universal-pathlib==0.3.10
urllib3==2.8.0
uuid6==2025.0.1
uvicorn==0.54.0
uvloop==0.23.0 ; platform_python_implementation != 'PyPy' and sys_platform != 'cygwin' and sys_platform != 'win32'
watchfiles==1.3.0
websockets==17.4
wirerope==1.0.0
wrapt==2.5.2
zipp==4.1.2
`,
  dagster: `
alembic==1.20.1
annotated-types==0.8.0
antlr4-python3-runtime==4.13.2
certifi==2026.10.19.post1
charset-normalizer==3.5.3
click==8.5.1
colorama==0.4.6 ; sys_platform == 'win32'
coloredlogs==14.0
dagster==1.13.29
dagster-pipes==1.13.29
dagster-shared==1.13.29
docstring-parser==0.18.0
duckdb==1.5.6
filelock==4.3.1
fsspec==2026.9.0
grpcio==1.85.3
grpcio-health-checking==1.85.1
humanfriendly==10.0
idna==3.20
jinja2==3.1.6
mako==1.4.3
markdown-it-py==4.3.0
markupsafe==3.0.4
mdurl==0.1.2
packaging==26.4
pathlib-abc==0.5.2
platformdirs==4.14.8
protobuf==7.36.2
psutil==7.2.2 ; sys_platform == 'win32'
pydantic==2.14.4
pydantic-core==2.50.5
pygments==2.21.0
pyreadline3==3.5.6 ; sys_platform == 'win32'
python-dotenv==1.2.4
pytz==2026.6
pywin32==312 ; sys_platform == 'win32'
pyyaml==6.0.4
requests==2.34.2
rich==15.0.0
six==1.17.0
sqlalchemy==2.1.9
structlog==26.1.0
tabulate==0.10.0
tomli==2.5.0
tomlkit==0.15.2
toposort==1.10
tqdm==4.70.1
typing-extensions==4.16.0
typing-inspection==0.4.5
tzdata==2026.6
universal-pathlib==0.3.10
urllib3==2.8.0
watchdog==6.0.0
`,
  prefect: `
aiosqlite==0.22.1
alembic==1.20.1
amplitude-analytics==1.3.0
annotated-doc==0.0.7
annotated-types==0.8.0
anyio==4.16.0
apprise==2.0.1
asgi-lifespan==2.1.0
async-timeout==5.0.1 ; python_full_version < '3.11.3'
asyncpg==0.32.0
attrs==26.1.0
beartype==0.23.1
burner-redis==0.1.7
cachetools==7.3.3
certifi==2026.10.19.post1
cffi==2.1.1 ; platform_python_implementation != 'PyPy'
charset-normalizer==3.5.3
click==8.5.1
cloudpickle==3.1.3
colorama==0.4.6
coolname==5.0.0
cronsim==2.8
cryptography==50.0.2
cyclopts==5.5.2
dateparser==1.5.0
docker==7.2.0
docstring-parser==0.18.0
duckdb==1.5.6
exceptiongroup==1.3.2
fastapi==0.150.0
fsspec==2026.9.0
graphviz==0.21
greenlet==3.5.6
griffe==2.4.1
griffecli==2.4.1
griffelib==2.4.1
h11==0.16.0
h2==4.4.1
hpack==4.2.0
httpcore==1.0.9
httpx==0.28.1
humanize==4.17.0
hyperframe==6.1.0
idna==3.20
jinja2==3.1.6
jinja2-humanize-extension==0.4.0
jsonpatch==1.48
jsonpointer==3.12
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
mako==1.4.3
markdown==3.11.3
markdown-it-py==4.3.0
markupsafe==3.0.4
mdurl==0.1.2
oauthlib==4.0.1
opentelemetry-api==1.45.2
orjson==3.13.0
packaging==26.4
pathspec==1.1.1
pendulum==3.3.0 ; python_full_version < '3.13'
pluggy==1.7.0
prefect==3.9.1
prometheus-client==0.26.0
py-key-value-aio==0.5.0
pycparser==3.12 ; implementation_name != 'PyPy' and platform_python_implementation != 'PyPy'
pydantic==2.14.4
pydantic-core==2.50.5
pydantic-extra-types==2.11.1
pydantic-settings==2.16.3
pydocket==0.27.0
pygments==2.21.0
python-dateutil==2.9.0.post0
python-dotenv==1.2.4
python-json-logger==4.2.0
python-slugify==9.1.3
pytz==2026.6
pywin32==312 ; sys_platform == 'win32'
pyyaml==6.0.4
readchar==4.2.2
redis==8.1.0
referencing==0.37.0
regex==2026.11.19
requests==2.34.2
requests-oauthlib==2.0.0
rfc3339-validator==0.1.4
rich==15.0.0
rich-rst==2.2.0
rpds-py==2026.9.1
ruamel-yaml==0.19.1
semver==3.1.2
shellingham==1.5.4
six==1.17.0
sniffio==1.3.1
sqlalchemy==2.1.9
starlette==1.10.0
text-unidecode==1.3
toml==0.10.2
typer==0.29.2
typing-extensions==4.16.0
typing-inspection==0.4.5
tzdata==2026.6 ; python_full_version < '3.13' or sys_platform == 'win32'
tzlocal==5.4.5
uncalled-for==0.6.2
urllib3==2.8.0
uvicorn==0.54.0
websockets==16.1.1
whenever==0.11.0
`,
  dbt: `
agate==1.9.1
annotated-types==0.8.0
attrs==26.1.0
babel==2.19.0
certifi==2026.10.19.post1
charset-normalizer==3.5.3
click==8.5.1
colorama==0.4.6
daff==1.4.2
dbt-adapters==1.24.5
dbt-common==1.39.0
dbt-core==1.11.16
dbt-duckdb==1.11.1
dbt-extractor==0.6.0
dbt-protos==1.0.615
dbt-semantic-interfaces==0.9.0
deepdiff==8.6.2
duckdb==1.5.6
idna==3.20
importlib-metadata==8.9.0
isodate==0.7.2
jinja2==3.1.6
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
leather==0.4.1
markupsafe==3.0.4
mashumaro==3.14
more-itertools==10.8.0
msgpack==1.2.4
networkx==3.6.1 ; python_full_version < '3.12'
networkx==3.7 ; python_full_version >= '3.12'
opentelemetry-api==1.45.2
orderly-set==5.5.0
packaging==26.4
parsedatetime==2.6
pathspec==0.12.1
protobuf==6.33.6
pydantic==2.14.4
pydantic-core==2.50.5
python-dateutil==2.9.0.post0
python-slugify==9.2.0
pytimeparse==1.1.10
pytz==2026.6
pyyaml==6.0.4
referencing==0.37.0
requests==2.34.2
rpds-py==2026.9.1
six==1.17.0
snowplow-tracker==1.1.0
sqlparse==0.6.1
text-unidecode==1.3
typing-extensions==4.16.0
typing-inspection==0.4.5
tzdata==2026.6 ; sys_platform == 'win32'
urllib3==2.8.0
zipp==4.1.2
`,
  python: `
duckdb==1.5.6
`,
};
