//! The API change report: what a regeneration does to users of the generated crate.
//!
//! Both sides are read the same way, from Rust source with `syn`: the old side from the
//! generated files on disk, the new side from the files about to be written, both only for
//! the files a regeneration touches. Comparing the types' shapes rather than text means a
//! reworded doc comment is no change, and a field that became optional is one, marked
//! breaking, since code that reads it must change.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use quote::ToTokens;
use rayon::prelude::*;

use crate::write::{Plan, is_generated};

/// The public types of a generated crate, by path (`reference::authkit::user::User`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Api {
    types: BTreeMap<String, Shape>,
}

/// What users of a type depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// A struct's fields by wire name.
    Struct(BTreeMap<String, FieldShape>),
    /// An enum's values, string values by wire name or struct variants by name, each with its
    /// variant's Rust name.
    Enum { values: BTreeMap<String, String>, open: bool },
}

/// A field as users see it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FieldShape {
    /// The field's Rust name, which code that reads it names.
    name: String,
    /// The type without an outer `Option`, as tokens.
    ty: String,
    /// Whether the type is an `Option`.
    optional: bool,
}

/// What writing `plan` would change in the API of the crate in `out`. Only the files the plan
/// touches are read: a type lives in the file of its module, so a type that changed is in a
/// changed file, and an unchanged run costs nothing.
pub fn changes(out: &Path, files: &BTreeMap<String, String>, plan: &Plan) -> Vec<Change> {
    let touched: Vec<&str> = plan.changes.keys().map(String::as_str).collect();
    let old = Api::on_disk_files(out, touched.iter().copied());
    let new =
        Api::of_files(touched.iter().filter_map(|path| Some((*path, files.get(*path)?.as_str()))));
    old.changes_to(&new)
}

/// Renders a report: a headline with the counts, then one line per change.
pub fn render(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "API changes: none\n".to_owned();
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut text =
        format!("API changes: {breaking} breaking, {} additive\n", changes.len() - breaking);
    for change in changes {
        text.push_str(&format!("  {change}\n"));
    }
    text
}

/// One difference between the old and the new crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Whether code that uses the old crate may stop compiling or stop reading bodies.
    pub breaking: bool,
    /// The type concerned.
    pub path: String,
    /// What changed, in words.
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.breaking { "breaking" } else { "additive" };
        write!(f, "{kind:>8}  {}: {}", self.path, self.what)
    }
}

impl Api {
    /// The API of generated files, by path relative to the crate folder.
    pub fn of_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Api {
        let files: Vec<(&str, &str)> = files.into_iter().collect();
        // Parsing dominates, and each file parses on its own, so the files share the cores.
        let types = files
            .par_iter()
            .filter_map(|(path, text)| {
                let module = module_of(path)?;
                // A file that does not parse contributes nothing: the report is advice, and the
                // drift check reports such a file anyway.
                let file = syn::parse_file(text).ok()?;
                let shapes: Vec<(String, Shape)> = file
                    .items
                    .iter()
                    .filter_map(|item| {
                        let (name, shape) = match item {
                            syn::Item::Struct(s) => (s.ident.to_string(), struct_shape(s)),
                            syn::Item::Enum(e) => (e.ident.to_string(), enum_shape(e)),
                            _ => return None,
                        };
                        let path =
                            if module.is_empty() { name } else { format!("{module}::{name}") };
                        Some((path, shape))
                    })
                    .collect();
                Some(shapes)
            })
            .flatten()
            .collect();
        Api { types }
    }

    /// The API of the generated files under `out/src` as they are on disk.
    pub fn on_disk(out: &Path) -> Api {
        let paths = crate::write::generated_files(out);
        Api::on_disk_files(out, paths.iter().map(String::as_str))
    }

    /// The API of some generated files on disk, by path relative to `out`; files that are
    /// missing or not generated contribute nothing.
    pub fn on_disk_files<'p>(out: &Path, paths: impl IntoIterator<Item = &'p str>) -> Api {
        let files: Vec<(&str, String)> = paths
            .into_iter()
            .filter_map(|path| Some((path, std::fs::read_to_string(out.join(path)).ok()?)))
            .filter(|(_, text)| is_generated(text))
            .collect();
        Api::of_files(files.iter().map(|(path, text)| (*path, text.as_str())))
    }

    /// What changed from `self` to `new`, breaking changes first.
    pub fn changes_to(&self, new: &Api) -> Vec<Change> {
        let mut changes = Vec::new();
        let change =
            |breaking, path: &str, what: String| Change { breaking, path: path.to_owned(), what };
        for (path, old) in &self.types {
            match new.types.get(path) {
                None => changes.push(change(true, path, "type removed".into())),
                Some(new) => changes.extend(
                    compare(old, new)
                        .into_iter()
                        .map(|(breaking, what)| change(breaking, path, what)),
                ),
            }
        }
        for path in new.types.keys().filter(|p| !self.types.contains_key(*p)) {
            changes.push(change(false, path, "type added".into()));
        }
        changes
            .sort_by(|a, b| (!a.breaking, &a.path, &a.what).cmp(&(!b.breaking, &b.path, &b.what)));
        changes
    }
}

fn compare(old: &Shape, new: &Shape) -> Vec<(bool, String)> {
    let mut found = Vec::new();
    match (old, new) {
        (Shape::Struct(old), Shape::Struct(new)) => {
            for (wire, before) in old {
                let Some(after) = new.get(wire) else {
                    found.push((true, format!("field `{wire}` removed")));
                    continue;
                };
                // A field that another key took the name of is renamed for the code using it.
                if before.name != after.name {
                    let (was, now) = (&before.name, &after.name);
                    found.push((true, format!("field `{wire}` renamed in Rust: {was} → {now}")));
                }
                if before.ty != after.ty {
                    found.push((
                        true,
                        format!("field `{wire}` retyped: {} → {}", before.ty, after.ty),
                    ));
                } else if before.optional != after.optional {
                    let now = if after.optional { "optional" } else { "required" };
                    found.push((true, format!("field `{wire}` made {now}")));
                }
            }
            for (wire, field) in new.iter().filter(|(w, _)| !old.contains_key(*w)) {
                // A new required field fails bodies that lack it and struct literals; a new
                // optional one only the literals, which this report counts as additive.
                let what = if field.optional { "optional " } else { "required " };
                found.push((!field.optional, format!("{what}field `{wire}` added")));
            }
        }
        (Shape::Enum { values: old, open: was_open }, Shape::Enum { values: new, open }) => {
            for (value, was) in old {
                match new.get(value) {
                    None => found.push((true, format!("value `{value}` removed"))),
                    Some(now) if now != was => found
                        .push((true, format!("value `{value}` renamed in Rust: {was} → {now}"))),
                    Some(_) => {}
                }
            }
            for value in new.keys().filter(|value| !old.contains_key(*value)) {
                // Matches on a closed enum are exhaustive, so a new value breaks them.
                found.push((!*was_open, format!("value `{value}` added")));
            }
            if *was_open && !open {
                found.push((true, "no longer accepts values the docs do not list".into()));
            }
        }
        _ => found.push((true, "changed from a struct to an enum or back".into())),
    }
    found
}

/// `src/reference/sso.rs` is `reference::sso`; `src/lib.rs` is the root, `""`.
fn module_of(path: &str) -> Option<String> {
    let module = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    Some(if module == "lib" { String::new() } else { module.replace('/', "::") })
}

fn struct_shape(item: &syn::ItemStruct) -> Shape {
    let fields = item
        .fields
        .iter()
        .filter_map(|field| {
            let wire = wire_name(field)?;
            let (ty, optional) = match option_inner(&field.ty) {
                Some(inner) => (type_text(inner), true),
                None => (type_text(&field.ty), false),
            };
            let name = field.ident.as_ref().map(ToString::to_string).unwrap_or_default();
            Some((wire, FieldShape { name, ty, optional }))
        })
        .collect();
    Shape::Struct(fields)
}

fn enum_shape(item: &syn::ItemEnum) -> Shape {
    let mut values = BTreeMap::new();
    let mut open = false;
    for variant in &item.variants {
        let untagged = variant.attrs.iter().any(|attr| {
            attr.path().is_ident("serde")
                && attr.parse_args::<syn::Ident>().is_ok_and(|word| word == "untagged")
        });
        if untagged || variant.ident == "Unknown" {
            open = true;
            continue;
        }
        let name = variant.ident.to_string();
        values.insert(serde_rename(&variant.attrs).unwrap_or_else(|| name.clone()), name);
    }
    Shape::Enum { values, open }
}

/// A type as written by hand: `Vec<String>`, not the token stream's `Vec < String >`.
fn type_text(ty: &syn::Type) -> String {
    let spaced = ty.to_token_stream().to_string();
    spaced.replace(" :: ", "::").replace(" < ", "<").replace(" >", ">").replace(" ,", ",")
}

/// The JSON key of a generated struct's field: its `serde(rename)`, or its name without `r#`.
pub fn wire_name(field: &syn::Field) -> Option<String> {
    let name = field.ident.as_ref()?.to_string();
    Some(serde_rename(&field.attrs).unwrap_or_else(|| name.trim_start_matches("r#").to_owned()))
}

/// The value of `#[serde(rename = "…")]`, if any.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    rename
}

/// `T` of an `Option<T>` type.
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else { return None };
    match arguments.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(source: &str) -> Api {
        Api::of_files([("src/reference/demo.rs", source)])
    }

    fn report(old: &str, new: &str) -> Vec<String> {
        api(old).changes_to(&api(new)).iter().map(ToString::to_string).collect()
    }

    const BASE: &str = "pub struct User { pub id: String, #[serde(rename = \"firstName\")] \
                        pub first_name: Option<String> }\n\
                        pub enum State { #[serde(rename = \"on\")] On, \
                        #[serde(untagged)] Other(String) }";

    #[test]
    fn nothing_changed() {
        assert!(report(BASE, BASE).is_empty());
        let reworded = BASE.replace("pub struct User", "/// Reworded.\npub struct User");
        assert!(report(BASE, &reworded).is_empty());
    }

    #[test]
    fn each_kind_of_change() {
        let new = "pub struct User { pub id: Vec<i64>, #[serde(rename = \"firstName\")] \
                   pub first_name: String, pub email: Option<String> }\n\
                   pub enum State { #[serde(rename = \"off\")] Off, \
                   #[serde(untagged)] Other(String) }\n\
                   pub struct Team {}";
        assert_eq!(
            report(BASE, new),
            [
                "breaking  reference::demo::State: value `on` removed",
                "breaking  reference::demo::User: field `firstName` made required",
                "breaking  reference::demo::User: field `id` retyped: String → Vec<i64>",
                "additive  reference::demo::State: value `off` added",
                "additive  reference::demo::Team: type added",
                "additive  reference::demo::User: optional field `email` added",
            ]
        );
        assert_eq!(report(new, "")[0], "breaking  reference::demo::State: type removed");
    }
}
