"""PM0xx: problems with the file itself, reported by the loader and the schema check."""

from __future__ import annotations

from pm_pipeline.findings import Level
from pm_pipeline.rules.base import InputRule


class UnreadableFile(InputRule):
    """The file cannot be read or is not valid UTF-8.

    ## Why it matters
    Nothing else can be checked until the file can be read as text.

    ## Example
    A file saved as Latin-1 with `café` in the summary.

    ## Use instead
    Save the file as UTF-8 (every editor can).
    """

    code = "PM001"
    name = "unreadable-file"


class YamlSyntax(InputRule):
    """The file is not valid YAML.

    ## Why it matters
    A syntax error hides every other problem in the file. The most common one in
    post-mortems is an unquoted GitHub handle: `@` cannot start a plain YAML value.

    ## Example
    ```yaml
    owner: @bob
    ```

    ## Use instead
    ```yaml
    owner: "@bob"   # or: owner: bob
    ```
    """

    code = "PM002"
    name = "yaml-syntax"


class DuplicateKey(InputRule):
    """A mapping has the same key twice.

    ## Why it matters
    YAML parsers silently keep only the last value, so half of what was written
    disappears without a word.

    ## Example
    ```yaml
    summary: Checkout failed for EU customers.
    summary: Payments were retried twice.
    ```

    ## Use instead
    One key, with both sentences in its value.
    """

    code = "PM003"
    name = "duplicate-key"


class UnsafeTag(InputRule):
    """A value carries a YAML tag such as `!!python/object` or a custom `!tag`.

    ## Why it matters
    Tags like `!!python/object/apply` execute code in unsafe loaders. pm-pipeline
    never constructs them, and a post-mortem never needs one.

    ## Example
    ```yaml
    summary: !!python/object/apply:os.system ["id"]
    ```

    ## Use instead
    Plain values: strings, numbers, lists and mappings.
    """

    code = "PM004"
    name = "unsafe-tag"


class MultipleDocuments(InputRule):
    """The file holds more than one YAML document (a second `---`).

    ## Why it matters
    One file is one incident; a second document would be ignored by other tools.

    ## Use instead
    Move the second post-mortem to its own file.
    """

    code = "PM005"
    name = "multiple-documents"


class ResourceLimit(InputRule):
    """The file is too large, too deeply nested, or expands to too many values.

    ## Why it matters
    A "billion laughs" alias bomb or a pathological nesting can exhaust memory in
    CI. pm-pipeline bounds the work: 2 MiB per file, 64 levels, 100,000 values.

    ## Example
    ```yaml
    a: &a ["lol", "lol"]
    b: &b [*a, *a, *a]
    # ... twenty levels more
    ```

    ## Use instead
    Link large attachments from `evidence` instead of pasting them.
    """

    code = "PM006"
    name = "resource-limit"


class UnsupportedYaml(InputRule):
    """A YAML feature the post-mortem format does not support: merge keys (`<<`) or complex keys.

    ## Why it matters
    Merge keys are a YAML 1.1 extension that parsers handle differently.

    ## Use instead
    Write the keys out.
    """

    code = "PM007"
    name = "unsupported-yaml"


class DuplicatePostmortemId(InputRule):
    """Two files declare the same post-mortem `id`.

    ## Why it matters
    The id is the identity of every synced issue; two files with one id would
    fight over the same issues.

    ## Use instead
    Give each post-mortem its own id, e.g. `PM-2025-02-09-api-degradation`.
    """

    code = "PM009"
    name = "duplicate-postmortem-id"


class SchemaViolation(InputRule):
    """The file does not follow the post-mortem format (a missing, unknown or malformed field).

    ## Why it matters
    The site, the issue sync and every other rule rely on the format. Unknown keys
    are usually typos (`servces`) whose content would otherwise be lost.

    ## Example
    ```yaml
    action_items:
      - id: AI-001
        action: Add index on orders.user_id
        deadline: 2025-13-01
    ```

    ## Use instead
    Fill the required fields with valid values; `pm-pipeline new` writes a valid
    skeleton, and editors complete fields from the schema.
    """

    code = "PM010"
    name = "schema"


class ImplicitType(InputRule):
    """An unquoted value that YAML 1.1 reads as a number, boolean or null where text is expected.

    ## Why it matters
    `10:05:23` is a base-60 number (36323) and `no` is `false` in YAML 1.1: the
    text you wrote is not the value the tools see.

    ## Example
    ```yaml
    summary: no
    ```

    ## Use instead
    ```yaml
    summary: "no"
    ```
    """

    code = "PM011"
    name = "implicit-type"


class FileName(InputRule):
    """The file name is not `YYYY-MM-DD-slug.yaml`.

    The date is the day the incident started; the slug is lower-case words
    joined by hyphens. `pm-pipeline new` names files this way.

    ## Why it matters
    The name is the page address on the site and the order of the archive;
    one shape keeps both predictable and safe to put in a URL.

    ## Example
    `postmortems/API outage (final).yaml`

    ## Use instead
    `postmortems/2025-02-09-api-outage.yaml`
    """

    code = "PM012"
    name = "file-name"
    level = Level.WARNING


class UnsafeFileName(InputRule):
    """The file name has characters other than letters, digits, `.`, `-` and `_`.

    ## Why it matters
    The file name becomes a URL, an attribute of the site's edit link and a
    line of each issue body. Quotes, angle brackets, spaces or line breaks in it
    are how a file name turns into markup or breaks the issue's tool-owned block.

    ## Example
    `postmortems/c"onfocus="alert(1)".yaml`

    ## Use instead
    `postmortems/2025-02-09-api-outage.yaml`
    """

    code = "PM013"
    name = "unsafe-file-name"


INPUT_RULES: tuple[type[InputRule], ...] = (
    UnreadableFile,
    YamlSyntax,
    DuplicateKey,
    UnsafeTag,
    MultipleDocuments,
    ResourceLimit,
    UnsupportedYaml,
    DuplicatePostmortemId,
    SchemaViolation,
    ImplicitType,
    FileName,
    UnsafeFileName,
)
