//! The generator end to end on small docs trees written here: the code it emits (as
//! snapshots), how it resolves references across files, and how it keeps an output folder in
//! step with the docs.

mod common;

use codegen::write::{self, Action};
use common::{
    generate, generate_errors, generate_ok, read_everything, read_folder, strip_root, tree,
    workspace_root, write_files,
};

const SHARED: &str = "---
descriptions:
  shop_errors:
    code: A constant that tells the kinds of error apart.
    message: >
      Text for people.


      A second paragraph.
    alias: (shop_errors.code)
---

# Shop errors
";

const OUT_OF_STOCK: &str = "---
descriptions:
  shop_errors:
    items: The items that ran out.
reference:
  json:
    - key: out_of_stock_error
      id: out_of_stock_error
      url: /reference/shop/errors/out-of-stock
      title: out_of_stock
      properties:
        - key: code
          type: '\"out_of_stock\"'
          description: (shop_errors.alias)
        - key: message
          type: string
          description: (shop_errors.message)
        - key: type
          type: string
          optional: true
          description: A key that is a Rust keyword.
        - key: retryAfter
          type: integer | null
          description: Seconds to wait, if waiting helps.
        - key: items
          type: array
          description: (shop_errors.items)
          properties:
            - key: sku
              type: string
              description: The stock-keeping unit.
        - key: state
          type: |
            \"sold_out\" |
            \"discontinued\"
          description: Why the items ran out.
        - key: limits
          type: object
          properties:
            - key: per_order
              type: number
              description: The most one order may hold.
        - key: buyer
          type: customer
          description: Who tried to buy.
        - key: tags
          type: string[]
          description: Free labels.
---

## Out of stock

Some items of the order are gone. See [the catalog](/reference/shop/catalog).

<CodeBlock title=\"Out of stock\" referenceId=\"out_of_stock_error\" file=\"out-of-stock\" />
";

const CUSTOMER: &str = "---
reference:
  curl:
    - key: customer
      id: customer
      url: /reference/shop/customer
      title: customer
      properties:
        - key: id
          type: string
          description: The customer's ID.
        - key: metadata
          type: object
          description: Free-form data.
    - key: list_customers
      id: list_customers
      url: /reference/shop/customer/list
      title: List customers
---

# Customer

<CodeBlock title=\"Customer\" referenceId=\"customer\" file=\"customer\" />
";

fn shop_tree() -> tempfile::TempDir {
    tree(&[
        ("reference/shop/errors/index.mdx", SHARED),
        ("reference/shop/errors/out-of-stock.mdx", OUT_OF_STOCK),
        ("reference/shop/customer/index.mdx", CUSTOMER),
    ])
}

/// The emitted files, concatenated with their paths, for one snapshot.
fn all_files(files: &std::collections::BTreeMap<String, String>) -> String {
    files.iter().map(|(path, text)| format!("==> {path}\n{text}")).collect::<Vec<_>>().join("\n")
}

#[test]
fn emitted_code_for_a_small_tree() {
    let docs = shop_tree();
    let generation = generate_ok(docs.path(), None);
    for (path, text) in &generation.files {
        if path.ends_with(".rs") {
            syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        }
    }
    insta::assert_snapshot!(all_files(&generation.files));
}

#[test]
fn warnings_name_the_imprecision() {
    let docs = tree(&[(
        "a/x.mdx",
        "---\nreference:\n  json:\n    - key: x\n      properties:\n        - key: list\n          \
         type: array\n          description: Items of some kind.\n---\n",
    )]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        ["a/x.mdx:7:17: warning: reference.json[0].properties[0] (list): `array` with no item \
             type \
          becomes a list of any JSON"]
    );
}

#[test]
fn a_fence_never_closed_that_hides_a_code_block_is_a_warning_at_the_fence() {
    let page = "---\nreference:\n  json:\n    - key: x\n      properties: []\n---\n\n## Intro\n\n\
                ~~~sh\ncurl example\n\n## X\n\nThe x.\n\n<CodeBlock referenceId=\"x\" />\n";
    let docs = tree(&[("a/x.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        ["a/x.mdx:10:1: warning: this code fence is never closed, so the `<CodeBlock>` of entry \
          `x` after it is read as code, and the entry is documented without its section"]
    );
    // Closed, the fence hides nothing and the section is found.
    let docs = tree(&[("a/x.mdx", &page.replace("curl example\n", "curl example\n~~~\n"))]);
    let generation = generate_ok(docs.path(), None);
    assert!(generation.warning_lines().is_empty(), "{:?}", generation.warning_lines());
    assert!(generation.files["src/a.rs"].contains("/// X\n///\n/// The x.\n"));
}

#[test]
fn a_type_that_holds_itself_is_boxed_where_it_does() {
    let page = "---\nreference:\n  json:\n    - key: node\n      properties:\n        \
                - {key: parent, type: node | null}\n        - {key: kids, type: \"node[]\"}\n    \
                - key: ping\n      properties:\n        - {key: pong, type: pong}\n    \
                - key: pong\n      properties:\n        - {key: ping, type: ping, optional: true}\n\
                ---\n";
    let docs = tree(&[("a/x.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    let source = &generation.files["src/a.rs"];
    for field in [
        "pub parent: Option<Box<Node>>,",
        "pub kids: Vec<Node>,",
        "pub pong: Box<Pong>,",
        "pub ping: Option<Box<Ping>>,",
    ] {
        assert!(source.contains(field), "{field} in:\n{source}");
    }
}

#[test]
fn a_word_in_brackets_is_a_reference_when_a_top_level_text_has_that_name() {
    let page = "---\ndescriptions:\n  client_id: The client.\n  ns:\n    alias: (client_id)\n\
                reference:\n  json:\n    - key: x\n      properties:\n        \
                - {key: a, type: string, description: (client_id)}\n        \
                - {key: b, type: string, description: (ns.alias)}\n        \
                - {key: c, type: string, description: (optional)}\n        \
                - {key: d, type: string, description: (ns)}\n---\n";
    let docs = tree(&[("a/x.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    let source = &generation.files["src/a.rs"];
    for line in [
        "    /// The client.\n    pub a: String,",
        "    /// The client.\n    pub b: String,",
        "    /// (optional)\n    pub c: String,",
    ] {
        assert!(source.contains(line), "{line} in:\n{source}");
    }
    // A group of texts is named as a dotted reference to one would be.
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        ["a/x.mdx:13:47: warning: reference.json[0].properties[3] (d): description references \
          'ns', which is a group of descriptions rather than a text; the field is left \
          undocumented"]
    );
}

#[test]
fn an_enum_value_given_twice_makes_one_variant_with_a_warning_and_any_value_shows_in_its_doc() {
    let page = "---\nreference:\n  json:\n    - key: x\n      properties:\n        \
                - key: status\n          type: \"'active' | 'back`tick' | 'active'\"\n---\n";
    let docs = tree(&[("a/x.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        ["a/x.mdx:7:17: warning: reference.json[0].properties[0] (status): the value `active` \
          is given twice; it makes one variant"]
    );
    let source = &generation.files["src/a.rs"];
    assert_eq!(source.matches("#[serde(rename = \"active\")]").count(), 1, "{source}");
    assert!(source.contains("    /// ``back`tick``\n"), "{source}");
}

#[test]
fn a_reference_to_a_wrongly_written_description_is_not_a_second_error() {
    let page = "---\ndescriptions:\n  n:\n    list: [a, b]\nreference:\n  json:\n    \
                - key: x\n      properties:\n        \
                - {key: a, type: string, description: (n.list)}\n---\n";
    let docs = tree(&[("a/x.mdx", page)]);
    assert_eq!(
        strip_root(&generate_errors(docs.path()), docs.path()),
        ["a/x.mdx:4:11: error: descriptions.n.list must be a text or a mapping, found a list"]
    );
}

#[test]
fn missing_and_cyclic_references_are_errors() {
    let docs = tree(&[(
        "a/x.mdx",
        "---
descriptions:
  known:
    present: Here.
  loop:
    ping: (loop.pong)
    pong: (loop.ping)
reference:
  json:
    - key: x
      properties:
        - key: a
          type: string
          description: (known.absent)
        - key: b
          type: string
          description: (nowhere.present)
        - key: c
          type: string
          description: (loop.ping)
---
",
    )]);
    assert_eq!(
        strip_root(&generate_errors(docs.path()), docs.path()),
        [
            "a/x.mdx:14:24: error: reference.json[0].properties[0] (a): description references \
             'known.absent', but namespace 'known' has no key 'absent' (defined keys: present)",
            "a/x.mdx:17:24: error: reference.json[0].properties[1] (b): description references \
             'nowhere.present', but no namespace 'nowhere' is defined in any input file",
            "a/x.mdx:20:24: error: reference.json[0].properties[2] (c): reference cycle \
             loop.ping → loop.pong → loop.ping",
        ]
    );
}

#[test]
fn unknown_type_word_is_an_error() {
    let docs = tree(&[(
        "a/x.mdx",
        "---\nreference:\n  json:\n    - key: x\n      properties:\n        - key: at\n          \
         type: timestamp\n---\n",
    )]);
    assert_eq!(
        strip_root(&generate_errors(docs.path()), docs.path()),
        ["a/x.mdx:7:17: error: reference.json[0].properties[0] (at): unknown type 'timestamp'"]
    );
}

#[test]
fn the_generated_crate_is_up_to_date() {
    let root = workspace_root();
    let generation = generate_ok(&root.join("docs-input"), Some(&root.join("codegen.yaml")));
    let plan = write::plan(&root.join("generated"), &generation.files).unwrap();
    let stale: Vec<String> =
        plan.changes.iter().map(|(path, action)| format!("{action} {path}")).collect();
    assert!(
        stale.is_empty(),
        "generated/ is not what docs-input/ produces ({stale:?}); run `cargo xtask codegen`"
    );
}

#[test]
fn an_unchanged_run_writes_nothing() {
    let docs = shop_tree();
    let out = tempfile::tempdir().unwrap();
    let generation = generate_ok(docs.path(), None);
    let plan = write::plan(out.path(), &generation.files).unwrap();
    write::apply(out.path(), &generation.files, &plan).unwrap();
    let lib = out.path().join("src/lib.rs");
    let before = std::fs::metadata(&lib).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let again = generate_ok(docs.path(), None);
    let plan = write::plan(out.path(), &again.files).unwrap();
    assert!(plan.is_empty(), "{:?}", plan.changes);
    write::apply(out.path(), &again.files, &plan).unwrap();
    assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), before);
}

#[test]
fn regenerating_after_the_docs_change_gives_exactly_the_new_crate() {
    let docs = shop_tree();
    let out = tempfile::tempdir().unwrap();
    let first = generate_ok(docs.path(), None);
    write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
        .unwrap();
    std::fs::write(out.path().join("src/notes.rs"), "// kept: not generated\n").unwrap();

    // A folder renamed, a file removed, a field added and a type changed.
    let errors = docs.path().join("reference/shop/errors");
    std::fs::rename(&errors, docs.path().join("reference/shop/failures")).unwrap();
    std::fs::remove_file(docs.path().join("reference/shop/customer/index.mdx")).unwrap();
    let changed = OUT_OF_STOCK.replace("type: customer", "type: string").replace(
        "        - key: tags",
        "        - key: note\n          type: string\n        - key: tags",
    );
    write_files(docs.path(), &[("reference/shop/failures/out-of-stock.mdx", &changed)]);

    let second = generate_ok(docs.path(), None);
    let plan = write::plan(out.path(), &second.files).unwrap();
    assert_eq!(plan.changes.get("src/reference/shop/errors.rs"), Some(&Action::Remove));
    assert_eq!(plan.changes.get("src/reference/shop/customer.rs"), Some(&Action::Remove));
    assert_eq!(plan.changes.get("src/reference/shop/failures.rs"), Some(&Action::Create));
    write::apply(out.path(), &second.files, &plan).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    write::apply(fresh.path(), &second.files, &write::plan(fresh.path(), &second.files).unwrap())
        .unwrap();
    let mut regenerated = read_folder(out.path());
    assert_eq!(regenerated.remove("src/notes.rs").as_deref(), Some("// kept: not generated\n"));
    assert_eq!(regenerated, read_folder(fresh.path()));
    let failures = &regenerated["src/reference/shop/failures.rs"];
    assert!(failures.contains("pub note: String,"), "{failures}");
    assert!(failures.contains("pub buyer: String,"), "{failures}");
}

#[test]
fn a_failed_run_leaves_the_output_as_it_was() {
    let docs = shop_tree();
    let out = tempfile::tempdir().unwrap();
    let first = generate_ok(docs.path(), None);
    write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
        .unwrap();
    let before = read_folder(out.path());

    let broken = OUT_OF_STOCK.replace("type: customer", "type: shopper");
    write_files(docs.path(), &[("reference/shop/errors/out-of-stock.mdx", &broken)]);
    let errors = generate_errors(docs.path());
    assert!(errors[0].contains("unknown type 'shopper'"), "{errors:?}");
    assert_eq!(read_folder(out.path()), before);
}

/// A docs folder with one entry named after it, for trees that gain and lose folders.
fn order_folder(name: &str) -> String {
    format!(
        "---
reference:
  json:
    - key: {name}_order
      id: {name}_order
      url: /reference/shop/{name}
      title: {name}
      properties:
        - key: id
          type: string
          description: The order's ID.
---

## {name} order

<CodeBlock title=\"{name}\" referenceId=\"{name}_order\" />
"
    )
}

#[test]
fn a_write_that_fails_at_any_file_leaves_the_output_as_it_was() {
    let docs = shop_tree();
    write_files(docs.path(), &[("reference/shop/legacy/index.mdx", &order_folder("legacy"))]);
    let first = generate_ok(docs.path(), None);

    // A type changed in both folders, a folder gone and two new ones, one on each side of it.
    let errors = OUT_OF_STOCK.replace("type: string[]", "type: integer[]");
    let customer = CUSTOMER.replacen("type: string", "type: integer", 1);
    std::fs::remove_dir_all(docs.path().join("reference/shop/legacy")).unwrap();
    write_files(
        docs.path(),
        &[
            ("reference/shop/errors/out-of-stock.mdx", &errors),
            ("reference/shop/customer/index.mdx", &customer),
            ("reference/shop/archive/index.mdx", &order_folder("archive")),
            ("reference/shop/returns/index.mdx", &order_folder("returns")),
        ],
    );
    let second = generate_ok(docs.path(), None);

    let out = tempfile::tempdir().unwrap();
    write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
        .unwrap();
    let changes = write::plan(out.path(), &second.files).unwrap().changes;
    let actions: Vec<_> = changes.values().copied().collect();
    use Action::{Create, Remove, Update};
    assert_eq!(actions, [Update, Create, Update, Update, Remove, Create], "{changes:?}");

    // Each changed path in turn is taken by a folder with a file in it after planning: renaming
    // a new file onto it fails on every system, and reading an old one from it fails too.
    for (obstacle, action) in &changes {
        let out = tempfile::tempdir().unwrap();
        write::apply(out.path(), &first.files, &write::plan(out.path(), &first.files).unwrap())
            .unwrap();
        let plan = write::plan(out.path(), &second.files).unwrap();
        let target = out.path().join(obstacle);
        if target.exists() {
            std::fs::remove_file(&target).unwrap();
        }
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("inside"), "in the way").unwrap();
        let before = read_everything(out.path());

        let error = write::apply(out.path(), &second.files, &plan).unwrap_err().to_string();
        assert!(error.contains(&format!("{}: ", target.display())), "{obstacle}: {error}");
        let outcome = match action {
            // A new file is the only target not read first, so it fails in the second phase.
            Create => {
                "; every file already changed was restored, so the output folder is as it was"
            }
            Update | Remove => "; nothing in the output folder was changed",
        };
        assert!(error.ends_with(outcome), "{obstacle}: {error}");
        assert_eq!(read_everything(out.path()), before, "{obstacle}: {error}");
    }
}

#[test]
fn enum_values_come_from_a_sibling_section_or_the_description() {
    let docs = tree(&[(
        "a/x.mdx",
        "---
descriptions:
  x:
    state: |
      The state.

      - `on`
      - `off`
reference:
  curl:
    - key: x
      id: x
      properties:
        - key: state
          type: enum
          description: (x.state)
        - key: kind
          type: enum
          description: The kind.
  js:
    - key: X
      id: x
      properties:
        - key: kind
          type: '\"big\" | \"small\"'
---
",
    )]);
    let generation = generate_ok(docs.path(), None);
    assert!(generation.warning_lines().is_empty(), "{:?}", generation.warning_lines());
    let source = &generation.files["src/a.rs"];
    for expected in ["pub state: XState,", "pub kind: XKind,", "On,", "Off,", "Big,", "Small,"] {
        assert!(source.contains(expected), "no `{expected}` in:\n{source}");
    }
}

#[test]
fn folder_names_cargo_or_rustc_read_otherwise_are_renamed() {
    let entry = "---\nreference:\n  json:\n    - key: thing\n      properties: []\n---\n";
    let docs = tree(&[
        ("root.mdx", entry),
        ("lib/a.mdx", entry),
        ("main/a.mdx", entry),
        ("bin/tool/a.mdx", entry),
        ("mod/a.mdx", entry),
        ("serde/a.mdx", entry),
    ]);
    let generation = generate_ok(docs.path(), None);
    let paths: Vec<&str> = generation.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/bin_.rs",
            "src/bin_/tool.rs",
            "src/lib.rs",
            "src/lib_.rs",
            "src/main_.rs",
            "src/mod_.rs",
            "src/serde_.rs",
        ]
    );
    assert!(generation.files["src/lib.rs"].contains("pub struct Thing {}"));
}

#[test]
fn a_tree_without_types_still_makes_a_crate() {
    let docs = tree(&[("guide.mdx", "# A guide\n\nNo frontmatter here.\n")]);
    let generation = generate_ok(docs.path(), None);
    assert!(generation.files["src/lib.rs"].starts_with("// @generated"));
    assert_eq!(generation.types, 0);
}

/// An entry keyed `factor` in `folder`, with one string field named `field`.
fn factor_entry(field: &str) -> String {
    format!(
        "---
reference:
  json:
    - key: factor
      properties:
        - key: {field}
          type: string
---
"
    )
}

const USES_FACTOR: &str = "---\nreference:\n  json:\n    - key: login\n      properties:\n        \
                           - key: factor\n          type: factor\n---\n";

#[test]
fn the_nearest_definition_of_a_type_name_wins() {
    let docs = tree(&[
        ("reference/mfa/factor.mdx", &factor_entry("far")),
        ("reference/authkit/mfa/factor.mdx", &factor_entry("near")),
        ("reference/authkit/login/login.mdx", USES_FACTOR),
    ]);
    let generation = generate_ok(docs.path(), None);
    let login = &generation.files["src/reference/authkit/login.rs"];
    assert!(login.contains("pub factor: crate::reference::authkit::mfa::Factor,"), "{login}");
}

#[test]
fn two_equally_near_definitions_are_an_error_naming_both() {
    let docs = tree(&[
        ("reference/a/factor.mdx", &factor_entry("one")),
        ("reference/b/factor.mdx", &factor_entry("two")),
        ("reference/c/login.mdx", USES_FACTOR),
    ]);
    let errors = strip_root(&generate_errors(docs.path()), docs.path());
    assert_eq!(
        errors,
        ["reference/c/login.mdx:7:17: error: reference.json[0].properties[0] (factor): type \
          'factor' is defined in both reference/a/factor.mdx and reference/b/factor.mdx, equally \
          near"]
    );
}

#[test]
fn two_entries_with_one_rust_path_are_an_error() {
    let docs = tree(&[
        ("reference/a/one.mdx", &factor_entry("one")),
        ("reference/a/two.mdx", &factor_entry("two").replace("key: factor", "key: Factor")),
    ]);
    let errors = strip_root(&generate_errors(docs.path()), docs.path());
    assert_eq!(
        errors,
        ["reference/a/two.mdx:4:7: error: reference.json[0] (Factor): the type \
          `reference::a::Factor` is already defined"]
    );
    let hint = |docs: &std::path::Path| {
        let failure = common::generate(docs, None).expect_err("the names clash");
        failure.diagnostics.errors().find_map(|e| e.hint.clone()).expect("a hint")
    };
    assert_eq!(
        hint(docs.path()),
        "the keys 'factor' and 'Factor' make the same Rust name: rename one of them"
    );
    let same = tree(&[
        ("reference/a/one.mdx", &factor_entry("one")),
        ("reference/a/two.mdx", &factor_entry("two")),
    ]);
    assert_eq!(hint(same.path()), "two entries of one folder have this key: remove or rename one");
}

#[test]
fn entries_with_the_same_name_in_different_modules_are_fine() {
    let docs = tree(&[
        ("reference/a/one.mdx", &factor_entry("one")),
        ("reference/b/one.mdx", &factor_entry("two")),
    ]);
    let generation = generate_ok(docs.path(), None);
    assert!(generation.files["src/reference/a.rs"].contains("pub struct Factor {"));
    assert!(generation.files["src/reference/b.rs"].contains("pub struct Factor {"));
}

#[test]
fn two_folders_with_one_module_are_an_error_naming_both() {
    let docs = tree(&[
        ("reference/a-b/one.mdx", &factor_entry("one")),
        ("reference/a-b/two.mdx", &factor_entry("two").replace("key: factor", "key: other")),
        ("reference/a_b/three.mdx", &factor_entry("three").replace("key: factor", "key: third")),
    ]);
    let errors = strip_root(&generate_errors(docs.path()), docs.path());
    assert_eq!(
        errors,
        ["reference/a_b/three.mdx:1:1: error: folders 'reference/a-b' and 'reference/a_b' both \
          map to the Rust module `reference::a_b`"]
    );
    // A folder that only introduces the module, with no types of its own, clashes too: its
    // introduction would otherwise become the other folder's module doc.
    let docs = tree(&[
        ("reference/a-b/one.mdx", &factor_entry("one")),
        ("reference/a_b/index.mdx", "---\ntitle: Other\n---\n\n# Other\n\nAn intro.\n"),
    ]);
    let errors = strip_root(&generate_errors(docs.path()), docs.path());
    assert_eq!(
        errors,
        ["reference/a_b/index.mdx:1:1: error: folders 'reference/a-b' and 'reference/a_b' both \
          map to the Rust module `reference::a_b`"]
    );
    // A folder that holds only a folder is a module too, whichever comes first in path order:
    // the error is at the first file of the folder found second.
    let cases = [
        ("a-b/one.mdx", "a_b/c/two.mdx", "reference/a_b/c/two.mdx"),
        ("a_b/one.mdx", "a-b/c/two.mdx", "reference/a_b/one.mdx"),
    ];
    for (one, two, at) in cases {
        let docs = tree(&[
            (&format!("reference/{one}") as &str, &factor_entry("one")),
            (&format!("reference/{two}"), &factor_entry("two").replace("key: factor", "key: t")),
        ]);
        let errors = strip_root(&generate_errors(docs.path()), docs.path());
        assert_eq!(
            errors,
            [format!(
                "{at}:1:1: error: folders 'reference/a-b' and 'reference/a_b' both map to the \
                 Rust module `reference::a_b`"
            )]
        );
    }
}

#[test]
fn line_breaks_in_the_docs_never_break_a_doc_comment() {
    // A body whose lines end in a lone `\r`, and a URL and an enum value holding line breaks; the
    // URL has a space and a tag too, and the body a character that turns the text's direction.
    let page = "---\nreference:\n  json:\n    - key: widget\n      url: \"/a\\nb <i>\"\n      \
                properties:\n        - key: kind\n          type: \"\\\"x\\ry\\\" | \\\"z\\\"\"\n\
                \x20         description: The kind.\n---\n\n\
                Intro.\r## Widget\rThe \u{202E}widget.\n\n\
                <CodeBlock referenceId=\"widget\" />\n";
    let docs = tree(&[("reference/demo/widget.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    let source = &generation.files["src/reference/demo.rs"];
    assert!(source.contains("/// Widget\n///\n/// The &#x202E;widget.\n"), "{source}");
    let url = "/// Documented at <https://workos.com/docs/a%0Ab%20%3Ci%3E>.\n";
    assert!(source.contains(url), "{source}");
    assert!(source.contains("    /// `x\\ry`\n"), "{source}");
    assert!(!source.contains('\r'), "{source}");
    for line in source.lines().filter(|line| line.contains("docs/a")) {
        assert!(line.starts_with("///"), "a doc line broke: {line:?}");
    }
}

#[test]
fn an_override_that_matches_nothing_is_a_warning() {
    let docs = tree(&[("reference/a/one.mdx", &factor_entry("one"))]);
    let config = tree(&[(
        "codegen.yaml",
        "overrides:\n  - entry: factor\n    property: gone\n    type: string[]\n    why: Old.\n\
         \x20 - entry: factor\n    property: one\n    type: string[]\n    why: Lists.\n",
    )]);
    let generation = generate_ok(docs.path(), Some(&config.path().join("codegen.yaml")));
    let warnings = strip_root(&generation.warning_lines(), config.path());
    assert_eq!(
        warnings,
        ["codegen.yaml:2:5: warning: override of factor.gone matches no property in the docs"]
    );
    assert!(generation.files["src/reference/a.rs"].contains("pub one: Vec<String>,"));
}

#[test]
fn a_union_named_as_a_standard_type_or_a_type_of_its_folder_is_an_error_saying_which() {
    let page = "---\nreference:\n  json:\n    - key: oops\n      properties:\n        \
                - {key: code, type: '\"oops\"'}\n---\n";
    let docs = tree(&[("reference/e/oops.mdx", page)]);
    for (name, why) in [
        ("Err", "the generated code uses the name for a standard type"),
        ("Oops", "the name is taken by a type of the folder"),
    ] {
        let config = tree(&[(
            "codegen.yaml",
            &format!("unions:\n  - name: {name}\n    folder: reference/e\n") as &str,
        )]);
        let failure = match generate(docs.path(), Some(&config.path().join("codegen.yaml"))) {
            Ok(_) => panic!("{name} was taken"),
            Err(failure) => failure,
        };
        let errors = strip_root(&failure.error_lines(), config.path());
        assert_eq!(errors, [format!("codegen.yaml:2:5: error: union {name}: {why}")]);
    }
}

#[test]
fn warnings_about_a_section_of_the_body_are_placed_on_the_files_lines() {
    // Two entries share the section, and its warnings are said once.
    let page = "---\nreference:\n  json:\n    - key: thing\n      properties: []\n    \
                - key: other\n      properties: []\n---\n\n\
                ## Thing <b>open\n\n<CodeBlock referenceId=\"thing\" />\n\
                <CodeBlock referenceId=\"other\" />\n\
                Some text.\n\nMore [rel](../guide).\n\n<Tip\n  title=\"never closed\n";
    let index = "---\ntitle: A\n---\n\n# Area [up](../up)\n\nSee [there](./there).\n";
    let docs = tree(&[("a/thing.mdx", page), ("a/index.mdx", index)]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        [
            "a/index.mdx:5:1: warning: the introduction: link target `../up` is neither a URL \
             nor a site path; kept the link text only",
            "a/index.mdx:7:1: warning: the introduction: link target `./there` is neither a URL \
             nor a site path; kept the link text only",
            "a/thing.mdx:10:1: warning: the page's body: HTML tag <b> has no matching tag; shown \
             as text",
            "a/thing.mdx:16:1: warning: the page's body: link target `../guide` is \
             neither a URL nor a site path; kept the link text only",
            "a/thing.mdx:18:1: warning: the page's body: JSX tag <Tip> has no \
             closing `>`; only its first line was left out",
        ]
    );
}

#[test]
fn an_introduction_that_is_a_types_section_warns_once() {
    let index = "---\nreference:\n  json:\n    - key: user\n      properties: []\n---\n\n\
                 # User [r](../r)\n\nIntro.\n\n<CodeBlock referenceId=\"user\" />\n";
    let docs = tree(&[("reference/a/index.mdx", index)]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(
        strip_root(&generation.warning_lines(), docs.path()),
        ["reference/a/index.mdx:8:1: warning: the page's body: link target `../r` is neither a \
          URL nor a site path; kept the link text only"]
    );
}

#[test]
fn a_file_with_lone_cr_or_mixed_line_endings_is_read_line_by_line() {
    let page = "---\rreference:\r  json:\r    - key: demo_error\r      url: /r/demo\r      \
                properties:\r        - key: error\r          type: string\r---\r";
    let docs = tree(&[("reference/demo/x.mdx", page)]);
    let generation = generate_ok(docs.path(), None);
    assert_eq!(generation.types, 1);
    assert!(generation.files["src/reference/demo.rs"].contains("pub error: String,"));

    // CR, CRLF and LF mixed: an error is placed on the line and column an editor shows, in the
    // one-line form and in the rendered report alike. The `\r\r\n` after `demo_error` is a lone
    // CR and a CRLF, so line 5 is blank and the type is on line 8.
    let page = "---\r\nreference:\r  json:\n    - key: demo_error\r\r\n      properties:\r        \
                - key: error\n          type: timestamp\r---\r";
    let docs = tree(&[("reference/demo/x.mdx", page)]);
    let failure = common::generate(docs.path(), None).unwrap_err();
    assert_eq!(
        strip_root(&failure.error_lines(), docs.path()),
        ["reference/demo/x.mdx:8:17: error: reference.json[0].properties[0] (error): unknown \
          type 'timestamp'"]
    );
    let rendered = failure.to_string();
    assert!(rendered.contains("reference/demo/x.mdx:8:17\n"), "{rendered}");
    assert!(rendered.contains("8 │           type: timestamp\n"), "{rendered}");
}

#[test]
fn a_utf16_file_without_a_byte_order_mark_is_an_error_naming_it() {
    let docs = tree(&[]);
    let page = "---\nreference:\n  json:\n    - key: x\n      properties: []\n---\n";
    let bytes: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::create_dir_all(docs.path().join("a")).unwrap();
    std::fs::write(docs.path().join("a/x.mdx"), bytes).unwrap();
    assert_eq!(
        strip_root(&generate_errors(docs.path()), docs.path()),
        ["a/x.mdx:1:1: error: file is UTF-16 (little-endian, without a byte-order mark: a zero \
          byte in every other place); convert it to UTF-8"]
    );
}

#[test]
fn optional_is_read_in_any_core_schema_spelling_in_the_docs_and_in_overrides() {
    let page = "---\nreference:\n  json:\n    - key: thing\n      properties:\n        \
                - key: a\n          type: string\n          optional: True\n        \
                - key: b\n          type: string\n          optional: FALSE\n        \
                - key: c\n          type: string\n          optional: \"true\"\n---\n";
    let docs = tree(&[("reference/a/thing.mdx", page)]);
    let config = tree(&[(
        "codegen.yaml",
        "overrides:\n  - entry: thing\n    property: b\n    optional: TRUE\n    why: Absent \
         when unset.\n",
    )]);
    let generation = generate_ok(docs.path(), Some(&config.path().join("codegen.yaml")));
    assert!(generation.warning_lines().is_empty(), "{:?}", generation.warning_lines());
    let source = &generation.files["src/reference/a.rs"];
    for field in ["a", "b", "c"] {
        assert!(source.contains(&format!("pub {field}: Option<String>,")), "{source}");
    }
}
