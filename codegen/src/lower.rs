//! Lowering: the model of every file, resolved against each other, becomes the IR.
//!
//! This is where references are bound (a description's `(a.b)` to a text defined in any file,
//! a type's `user` to the entry keyed `user`), where overrides from the config replace what the
//! docs leave imprecise, and where wire names become Rust names that cannot collide. It reads
//! all files before it resolves anything, since references cross files.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use rayon::prelude::*;

use crate::config::{Config, Override, UnionDecl};
use crate::diagnostic::{Diagnostic, Diagnostics, FileId, Severity, SourceMap, Span};
use crate::ir::{
    Crate, Enum, Field, Item, Module, ModulePath, RustType, Struct, Union, UnionVariant, Variant,
};
use crate::markdown;
use crate::model::{Document, Entry, Origin, Property, Text};
use crate::naming;
use crate::resolve::{DescriptionIndex, folder_of, shared_folders};
use crate::typeexpr::{self, Primitive, TypeExpr};

/// One docs file, read and modelled.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The file in the [`SourceMap`], for what is said of the file as a whole.
    pub file: FileId,
    /// The path relative to the docs root, with `/` separators.
    pub relative: String,
    /// The frontmatter's model.
    pub document: Document,
    /// The Markdown body after the frontmatter.
    pub body: markdown::Body,
}

/// Type names that would shadow what the generated code itself uses.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Serialize",
    "Deserialize",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
];

/// Lowers every file into the IR of the crate, reporting what cannot be resolved.
///
/// What spans files (the entries, their names, the descriptions) is gathered first; then each
/// module is lowered on its own, on every core, since a module's types only read the names of
/// other modules' types; configured unions and module docs come last.
pub fn lower(
    files: &[LoadedFile],
    config: &Config,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Crate {
    // The descriptions are indexed on one core while the entries are gathered, overridden,
    // grouped by module and named on the other.
    let (descriptions, gathered) =
        rayon::join(|| DescriptionIndex::new(files), || Gathered::new(files, config));
    let Gathered { entries, by_key, by_module, mut taken, diagnostics: found } = gathered;
    diagnostics.extend(found);
    let cx = Context { files, config, sources, descriptions, entries, by_key };
    // What a module's lowering leaves behind is taken apart on its own core, where its cache of
    // rendered descriptions is freed too.
    let lowered: Vec<(&ModulePath, Module, BTreeSet<String>, Diagnostics)> = by_module
        .par_iter()
        .map(|(module, indices)| {
            let taken = taken.get(module).cloned().unwrap_or_default();
            let mut lowerer = ModuleLowerer::new(&cx, module, taken);
            for &index in indices {
                lowerer.lower_entry(index);
            }
            (module, lowerer.ir, lowerer.taken, lowerer.diagnostics)
        })
        .collect();
    let mut krate = Crate::default();
    for (module, ir, names, found) in lowered {
        diagnostics.extend(found);
        taken.insert(module.clone(), names);
        krate.modules.insert(module.clone(), ir);
    }

    for declared in &config.unions {
        lower_union(&cx, &mut krate, &mut taken, declared, diagnostics);
    }
    crate::recursion::box_recursive_fields(&mut krate);
    complete_tree(&mut krate, files, config, sources, diagnostics);
    krate
}

/// The entries that become types, with what the modules' lowering needs to know of them all.
struct Gathered<'a> {
    entries: Vec<TypeEntry<'a>>,
    /// The entries, by key.
    by_key: HashMap<&'a str, Vec<usize>>,
    /// The entries of each module, in the order of the docs.
    by_module: BTreeMap<ModulePath, Vec<usize>>,
    /// The type names each module has used.
    taken: BTreeMap<ModulePath, BTreeSet<String>>,
    diagnostics: Diagnostics,
}

impl<'a> Gathered<'a> {
    fn new(files: &'a [LoadedFile], config: &Config) -> Self {
        let mut diagnostics = Diagnostics::default();
        let (mut entries, by_key) = collect_entries(files, &mut diagnostics);
        apply_overrides(&mut entries, config, &mut diagnostics);
        let mut by_module: BTreeMap<ModulePath, Vec<usize>> = BTreeMap::new();
        for (index, entry) in entries.iter().enumerate() {
            match by_module.get_mut(&entry.module) {
                Some(indices) => indices.push(index),
                None => drop(by_module.insert(entry.module.clone(), vec![index])),
            }
        }
        let taken = name_entries(&mut entries, &by_module, &mut diagnostics);
        Self { entries, by_key, by_module, taken, diagnostics }
    }
}

/// An entry that becomes a struct.
struct TypeEntry<'a> {
    /// Index of its file.
    file: usize,
    /// The entry, with overrides applied: a copy only when an override changes it.
    entry: Cow<'a, Entry>,
    /// Its module.
    module: ModulePath,
    /// Its Rust name, once names are assigned.
    name: String,
}

/// What every module's lowering reads and none changes.
struct Context<'a> {
    files: &'a [LoadedFile],
    config: &'a Config,
    /// The text of every file, to place warnings on lines inside descriptions.
    sources: &'a SourceMap,
    /// Every text under `descriptions`, in every file.
    descriptions: DescriptionIndex<'a>,
    entries: Vec<TypeEntry<'a>>,
    /// The entries that become types, by key.
    by_key: HashMap<&'a str, Vec<usize>>,
}

/// Lowers the entries of one module: its types, the types nested in them, and what is wrong
/// with them.
struct ModuleLowerer<'c, 'a> {
    cx: &'c Context<'a>,
    module: &'c ModulePath,
    /// The type names used in the module.
    taken: BTreeSet<String>,
    ir: Module,
    diagnostics: Diagnostics,
    /// Notes for the doc of the field being lowered, about what its type leaves open.
    field_notes: Vec<String>,
    /// The id of the entry being lowered, to find its siblings in SDK sections.
    current_id: Option<&'c str>,
    /// Descriptions rendered as rustdoc so far, by text: the docs share most descriptions
    /// between many fields through references, mostly within one folder.
    rendered: HashMap<&'c str, markdown::Rendered>,
}

/// Where a nested type is being named from: the type that holds the field, and the field.
#[derive(Clone)]
struct Site<'o, 'p> {
    file: usize,
    /// The name of the type being lowered; nested types are named after it.
    owner: &'o str,
    property: &'p Property,
}

/// Finds the entries that become types: every `json` entry, and every `curl` entry with
/// properties (the wire shape of an object; other `curl` entries are endpoints).
fn collect_entries<'a>(
    files: &'a [LoadedFile],
    diagnostics: &mut Diagnostics,
) -> (Vec<TypeEntry<'a>>, HashMap<&'a str, Vec<usize>>) {
    let mut entries = Vec::new();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    // Each module's folder, and where it was first seen. Every file counts, with types or not,
    // since a folder's descriptions and introduction go to its module too.
    let mut folders: BTreeMap<ModulePath, (&str, Span)> = BTreeMap::new();
    let mut clashing: BTreeSet<&str> = BTreeSet::new();
    // The files come in path order, so the files of a folder are neighbours and its module path
    // is made once.
    let mut module_of = FolderModules::default();
    let mut checked_folder = None;
    let mut clash = false;
    for (index, file) in files.iter().enumerate() {
        let folder = folder_of(&file.relative);
        let module = module_of.get(folder);
        if checked_folder != Some(folder) {
            checked_folder = Some(folder);
            let start = Span { file: file.file, start: 0, end: 0 };
            // The folders above this one are modules too (`a_b/c/` makes `a_b`), so each of
            // them is checked against every other folder's module, with files or not.
            let ends = folder.match_indices('/').map(|(at, _)| at).chain([folder.len()]);
            clash = false;
            for (depth, end) in ends.enumerate() {
                let (above, Some(path)) = (&folder[..end], module.get(..=depth)) else { break };
                let first = match folders.get(path) {
                    Some(first) => *first,
                    None => *folders.entry(path.to_vec()).or_insert((above, start)),
                };
                if first.0 == above {
                    continue;
                }
                clash = true;
                if clashing.insert(above) {
                    diagnostics.push(
                        Diagnostic::error(
                            start,
                            format!(
                                "folders '{}' and '{above}' both map to the Rust module `{}`",
                                first.0,
                                path.join("::")
                            ),
                        )
                        .with_related(first.1, "a file of the other folder")
                        .with_hint("rename one of the folders"),
                    );
                }
            }
        }
        if clash {
            continue;
        }
        for entry in &file.document.entries {
            let is_type =
                entry.section == "json" || (entry.section == "curl" && entry.properties.is_some());
            if !is_type {
                continue;
            }
            by_key.entry(entry.key.as_str()).or_default().push(entries.len());
            entries.push(TypeEntry {
                file: index,
                entry: Cow::Borrowed(entry),
                module: module.clone(),
                name: String::new(),
            });
        }
    }
    (entries, by_key)
}

fn apply_overrides(entries: &mut [TypeEntry<'_>], config: &Config, diagnostics: &mut Diagnostics) {
    for found in &config.overrides {
        let mut matched = false;
        for type_entry in entries.iter_mut() {
            if type_entry.entry.key == found.entry {
                matched |= apply_override(type_entry.entry.to_mut(), found);
            }
        }
        if !matched {
            diagnostics.push(
                Diagnostic::warning(
                    found.span,
                    format!(
                        "override of {}.{} matches no property in the docs",
                        found.entry, found.property
                    ),
                )
                .with_hint("the docs may have changed: update or remove the override"),
            );
        }
    }
}

/// Gives each entry its type name, reporting two entries that would share a Rust path; the
/// names each module has used so far. Names clash only within a module, so the modules are named
/// on every core.
fn name_entries(
    entries: &mut [TypeEntry<'_>],
    by_module: &BTreeMap<ModulePath, Vec<usize>>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<ModulePath, BTreeSet<String>> {
    let shared: &[TypeEntry<'_>] = entries;
    let named: Vec<(Vec<String>, BTreeSet<String>, Diagnostics)> = by_module
        .par_iter()
        .map(|(module, indices)| name_module(shared, module, indices))
        .collect();
    let mut taken = BTreeMap::new();
    for ((module, indices), (names, used, found)) in by_module.iter().zip(named) {
        for (&index, name) in indices.iter().zip(names) {
            entries[index].name = name;
        }
        taken.insert(module.clone(), used);
        diagnostics.extend(found);
    }
    taken
}

/// The type names of the entries at `indices`, all in `module`; the set of them; and an error
/// for each name an earlier entry of the module took.
fn name_module(
    entries: &[TypeEntry<'_>],
    module: &ModulePath,
    indices: &[usize],
) -> (Vec<String>, BTreeSet<String>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let mut first_at: HashMap<String, (&str, Span)> = HashMap::new();
    let mut names = Vec::with_capacity(indices.len());
    for &index in indices {
        let entry = &entries[index].entry;
        let mut name = naming::upper_camel_case(&entry.key);
        if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
            name.push_str("Object");
        }
        match first_at.get(&name) {
            Some(first) => diagnostics.push(
                Diagnostic::error(
                    entry.span,
                    format!(
                        "{}: the type `{}::{name}` is already defined",
                        entry.label(),
                        module.join("::")
                    ),
                )
                .with_related(first.1, "first defined here")
                .with_hint(if first.0 == entry.key {
                    "two entries of one folder have this key: remove or rename one".to_owned()
                } else {
                    format!(
                        "the keys '{}' and '{}' make the same Rust name: rename one of them",
                        first.0, entry.key
                    )
                }),
            ),
            None => drop(first_at.insert(name.clone(), (&entry.key, entry.span))),
        }
        names.push(name);
    }
    let used = names.iter().cloned().collect();
    (names, used, diagnostics)
}

impl<'c, 'a> ModuleLowerer<'c, 'a> {
    fn new(cx: &'c Context<'a>, module: &'c ModulePath, taken: BTreeSet<String>) -> Self {
        Self {
            cx,
            module,
            taken,
            ir: Module::default(),
            diagnostics: Diagnostics::default(),
            field_notes: Vec::new(),
            current_id: None,
            rendered: HashMap::new(),
        }
    }

    fn lower_entry(&mut self, index: usize) {
        let type_entry = &self.cx.entries[index];
        let file = &self.cx.files[type_entry.file];
        let (doc, warnings) = entry_doc(self.cx.sources, file, &type_entry.entry, self.cx.config);
        for warning in warnings {
            self.diagnostics.push(warning);
        }
        let entry = &type_entry.entry;
        if let Some(fence) = file.body.hiding_fence(entry.id.as_deref().unwrap_or(&entry.key)) {
            let message = format!(
                "this code fence is never closed, so the `<CodeBlock>` of entry `{}` after it \
                 is read as code, and the entry is documented without its section",
                entry.key
            );
            self.diagnostics.push(
                Diagnostic::warning(body_line(self.cx.sources, file, fence), message)
                    .with_hint("close the fence with a line of the same backticks or tildes"),
            );
        }
        self.current_id = Some(entry.id.as_deref().unwrap_or(&entry.key));
        let mut nested = Vec::new();
        let first_diagnostic = self.diagnostics.count();
        let properties = entry.properties.as_deref().unwrap_or_default();
        let fields = self.lower_fields(properties, type_entry.file, &type_entry.name, &mut nested);
        // Every problem found in the entry's properties names the entry in its snippet.
        let message = format!("in entry `{}`", entry.key);
        self.diagnostics.relate_from(first_diagnostic, entry.key_span, &message);
        self.ir.sources.insert(file.relative.clone());
        let name = type_entry.name.clone();
        self.ir.items.push(Item::Struct(Struct { name, doc, fields }));
        self.ir.items.extend(nested);
    }

    fn lower_fields(
        &mut self,
        properties: &'c [Property],
        file: usize,
        owner: &str,
        nested: &mut Vec<Item>,
    ) -> Vec<Field> {
        let mut kept: Vec<&Property> = Vec::new();
        for property in properties {
            if let Some(first) = kept.iter().find(|p| p.key == property.key) {
                self.diagnostics.push(
                    Diagnostic::error(
                        property.span,
                        format!("{}: duplicate property key '{}'", property.path, property.key),
                    )
                    .with_related(first.span, "first defined here")
                    .with_hint("one JSON key has one type: remove one of the two"),
                );
                continue;
            }
            kept.push(property);
        }
        let mut names: Vec<String> = kept.iter().map(|p| naming::snake_case(&p.key)).collect();
        let as_written: Vec<bool> =
            kept.iter().zip(&names).map(|(p, name)| naming::unraw(name) == p.key).collect();
        for changed in naming::disambiguate(&mut names, "_", &as_written) {
            let property = kept[changed];
            self.diagnostics.push(Diagnostic::warning(
                property.span,
                format!(
                    "{} ({}): the Rust name is taken by another property, so this field is \
                     named `{}`",
                    property.path, property.key, names[changed]
                ),
            ));
        }
        let mut fields = Vec::new();
        for (property, name) in kept.into_iter().zip(names) {
            let site = Site { file, owner, property };
            let ty = self.property_type(&site, nested);
            let ty = if property.optional { ty.optional() } else { ty };
            let mut doc = self.property_doc(file, property);
            for note in std::mem::take(&mut self.field_notes) {
                doc.extend([String::new(), note]);
            }
            fields.push(Field {
                name,
                wire: property.key.clone(),
                doc,
                ty,
                optional: property.optional,
            });
        }
        fields
    }

    fn property_type(&mut self, site: &Site<'_, 'c>, nested: &mut Vec<Item>) -> RustType {
        let property = site.property;
        let Some((text, span)) = &property.type_text else {
            return RustType::Json;
        };
        if text.trim() != text && !text.contains('\n') {
            self.diagnostics.push(Diagnostic::warning(
                *span,
                format!(
                    "{} ({}): the type '{text}' has surrounding spaces",
                    property.path, property.key
                ),
            ));
        }
        match typeexpr::parse(text) {
            Ok(expr) => {
                let name = nested_name(site.owner, &property.key);
                self.lower_type(&expr, site, name, *span, nested)
            }
            Err(err) => {
                self.diagnostics.push(Diagnostic::error(
                    *span,
                    format!(
                        "{} ({}): invalid type '{}': {}",
                        property.path,
                        property.key,
                        text.trim(),
                        err.message
                    ),
                ));
                RustType::Json
            }
        }
    }

    /// Lowers a parsed type; `name` is the name for a type this one needs to create.
    fn lower_type(
        &mut self,
        expr: &TypeExpr,
        site: &Site<'_, 'c>,
        name: String,
        span: Span,
        nested: &mut Vec<Item>,
    ) -> RustType {
        let property = site.property;
        match expr {
            TypeExpr::Primitive(Primitive::String) => RustType::String,
            TypeExpr::Primitive(Primitive::DateTime) => {
                // The docs use `DateTime` both for ISO 8601 texts and for seconds since the
                // epoch (the access token's `exp`), so no one Rust type reads every use.
                self.field_notes.push(
                    "The docs give the type as `DateTime` without saying whether it is a text \
                     or a number of seconds."
                        .to_owned(),
                );
                self.diagnostics.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "{} ({}): `DateTime` does not say whether the value is an ISO 8601 \
                             text or a number of seconds; it becomes any JSON",
                            property.path, property.key
                        ),
                    )
                    .with_hint("an override can give `string` or `integer`"),
                );
                RustType::Json
            }
            TypeExpr::Primitive(Primitive::Boolean) => RustType::Bool,
            TypeExpr::Primitive(Primitive::Number) => RustType::F64,
            TypeExpr::Primitive(Primitive::Integer) => RustType::I64,
            TypeExpr::Literals(values) => {
                let values = self.distinct_values(site, span, values);
                self.string_enum(site, name, &values, values.len() > 1, nested)
            }
            TypeExpr::Nullable(inner) => {
                self.lower_type(inner, site, name, span, nested).optional()
            }
            TypeExpr::List(inner) => {
                let item = self.item_name(&name);
                RustType::Vec(Box::new(self.lower_type(inner, site, item, span, nested)))
            }
            TypeExpr::Array => match property.properties.as_deref() {
                Some(fields) if !fields.is_empty() => {
                    let name = self.item_name(&name);
                    let item = self.nested_struct(site, name, fields, nested);
                    RustType::Vec(Box::new(item))
                }
                _ => {
                    self.field_notes.push("The docs do not say what the items are.".to_owned());
                    self.diagnostics.push(
                        Diagnostic::warning(
                            span,
                            format!(
                                "{} ({}): `array` with no item type becomes a list of any JSON",
                                property.path, property.key
                            ),
                        )
                        .with_hint("give the item type in the docs (`string[]`) or in an override"),
                    );
                    RustType::Vec(Box::new(RustType::Json))
                }
            },
            TypeExpr::Object => match property.properties.as_deref() {
                Some(fields) if !fields.is_empty() => {
                    self.nested_struct(site, name, fields, nested)
                }
                _ => RustType::JsonObject,
            },
            TypeExpr::Enum => match self.enum_values(site) {
                Some(values) => {
                    let values = self.distinct_values(site, span, &values);
                    self.string_enum(site, name, &values, true, nested)
                }
                None => {
                    self.diagnostics.push(Diagnostic::warning(
                        span,
                        format!(
                            "{} ({}): `enum` whose values the docs do not list becomes a string",
                            property.path, property.key
                        ),
                    ).with_hint(
                        "list the values in the description, or write the type as `\"a\" | \"b\"`",
                    ));
                    RustType::String
                }
            },
            TypeExpr::Empty => {
                self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "{} ({}): `empty` as a property type becomes any JSON",
                        property.path, property.key
                    ),
                ));
                RustType::Json
            }
            TypeExpr::Named(key) => self.named_type(key, site, span),
        }
    }

    /// The values of an enum, each once, in the order the docs first give them. A value given
    /// twice would make two variants of one wire value, the second never read; it is a slip in
    /// the docs, so it is left out with a warning.
    fn distinct_values(
        &mut self,
        site: &Site<'_, 'c>,
        span: Span,
        values: &[String],
    ) -> Vec<String> {
        let mut distinct: Vec<String> = Vec::with_capacity(values.len());
        for value in values {
            if distinct.contains(value) {
                let property = site.property;
                self.diagnostics.push(Diagnostic::warning(
                    span,
                    format!(
                        "{} ({}): the value `{value}` is given twice; it makes one variant",
                        property.path, property.key
                    ),
                ));
            } else {
                distinct.push(value.clone());
            }
        }
        distinct
    }

    /// An enum of string values; an open one keeps values the docs do not list.
    fn string_enum(
        &mut self,
        site: &Site<'_, 'c>,
        name: String,
        values: &[String],
        open: bool,
        nested: &mut Vec<Item>,
    ) -> RustType {
        let name = self.fresh_name(name);
        let doc = enum_doc(&site.property.key, values, open);
        nested.push(Item::Enum(Enum { name: name.clone(), doc, variants: variants(values), open }));
        RustType::Named { module: self.module.clone(), name }
    }

    /// The values of an `enum` property: from the same property of the entry in an SDK section
    /// of the same file, where the type is often spelt out as a union of literals, or else
    /// from a list of values in its description.
    fn enum_values(&mut self, site: &Site<'_, 'c>) -> Option<Vec<String>> {
        let property = site.property;
        let wanted = naming::snake_case(&property.key);
        let document = &self.cx.files[site.file].document;
        let from_sibling = document
            .entries
            .iter()
            .filter(|e| !crate::model::WIRE_SECTIONS.contains(&e.section.as_str()))
            .filter(|e| Some(e.id.as_deref().unwrap_or(&e.key)) == self.current_id)
            .flat_map(|e| e.properties.iter().flatten())
            .filter(|p| naming::snake_case(&p.key) == wanted)
            .find_map(|p| match typeexpr::parse(&p.type_text.as_ref()?.0) {
                Ok(TypeExpr::Literals(values)) => Some(values),
                _ => None,
            });
        from_sibling.or_else(|| {
            let text = self.property_text(site.file, property)?;
            let values = listed_values(text);
            (values.len() >= 2).then_some(values)
        })
    }

    fn nested_struct(
        &mut self,
        site: &Site<'_, 'c>,
        name: String,
        properties: &'c [Property],
        nested: &mut Vec<Item>,
    ) -> RustType {
        let name = self.fresh_name(name);
        let mut inner = Vec::new();
        let fields = self.lower_fields(properties, site.file, &name, &mut inner);
        // The field's own doc reports what its description lacks; the nested type's doc
        // reuses the text without reporting it again.
        let text = site.property.description.as_ref().and_then(|(text, origin)| {
            self.cx.descriptions.resolve(text, site.file, *origin).ok().map(|(text, _)| text)
        });
        let key = &site.property.key;
        let mut doc = match text {
            Some(text) => self.render(text).lines.clone(),
            None => {
                vec![format!("The {} object; the docs give no description.", markdown::code(key))]
            }
        };
        // The items of a list are documented by the list's description, which speaks of the
        // whole list: say first what one value of this type is.
        if is_list(site.property) {
            doc.splice(
                0..0,
                [format!("One item of the {} list.", markdown::code(key)), String::new()],
            );
        }
        nested.push(Item::Struct(Struct { name: name.clone(), doc, fields }));
        nested.extend(inner);
        RustType::Named { module: self.module.clone(), name }
    }

    /// The name for the items of a list named `name`: its singular (`Organizations` has items
    /// `Organization`), or `{name}Item` when the singular is taken or cannot be guessed.
    fn item_name(&self, name: &str) -> String {
        match singular(name) {
            Some(one) if !self.taken.contains(&one) => one,
            _ => format!("{name}Item"),
        }
    }

    /// Resolves the key of another entry to its type: the nearest definition wins, by the
    /// number of folders shared with the file that names it.
    fn named_type(&mut self, key: &str, site: &Site<'_, 'c>, span: Span) -> RustType {
        let property = site.property;
        let candidates = self.cx.by_key.get(key).cloned().unwrap_or_default();
        if candidates.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(
                    span,
                    format!("{} ({}): unknown type '{key}'", property.path, property.key),
                )
                .with_hint(
                    "a type is a primitive (string, boolean, number, integer), a quoted literal, \
                     `T[]`, `T | null`, array, object, or the key of a json or curl entry",
                ),
            );
            return RustType::Json;
        }
        let from = folder_of(&self.cx.files[site.file].relative);
        let closeness = |index: &usize| {
            shared_folders(from, folder_of(&self.cx.files[self.cx.entries[*index].file].relative))
        };
        let best = candidates.iter().map(closeness).max().unwrap_or(0);
        let nearest: Vec<usize> =
            candidates.iter().copied().filter(|i| closeness(i) == best).collect();
        if let [first, second, ..] = nearest[..] {
            self.diagnostics.push(
                Diagnostic::error(
                    span,
                    format!(
                        "{} ({}): type '{key}' is defined in both {} and {}, equally near",
                        property.path,
                        property.key,
                        self.cx.files[self.cx.entries[first].file].relative,
                        self.cx.files[self.cx.entries[second].file].relative
                    ),
                )
                .with_related(self.cx.entries[first].entry.span, "one definition")
                .with_related(self.cx.entries[second].entry.span, "another definition"),
            );
        }
        let target = &self.cx.entries[nearest[0]];
        RustType::Named { module: target.module.clone(), name: target.name.clone() }
    }

    /// A name not yet used in the module: `name`, else `name2`, `name3`, ...
    fn fresh_name(&mut self, name: String) -> String {
        fresh_name(&mut self.taken, name)
    }

    fn property_doc(&mut self, file: usize, property: &'c Property) -> Vec<String> {
        match self.property_text_at(file, property) {
            Some((text, origin)) => {
                let rendered = self.render(text);
                let (lines, warnings) = (rendered.lines.clone(), rendered.warnings.clone());
                for warning in warnings {
                    self.diagnostics.push(Diagnostic::warning(
                        self.text_line(origin, warning.line, text),
                        format!("{} ({}): {}", property.path, property.key, warning.message),
                    ));
                }
                if lines.is_empty() {
                    vec!["The docs give no description of this field.".to_owned()]
                } else {
                    lines
                }
            }
            None => vec!["The docs give no description of this field.".to_owned()],
        }
    }

    /// The span of a line of a description's text. A block scalar's text starts where the
    /// parser marks it and keeps its lines, though folding may join or drop some, so the line is
    /// found by its content from there on; a quoted or plain scalar is pointed at as a whole.
    ///
    /// FIXME: a line that folding joined from several source lines is not found, and the line
    /// counted instead is off by the lines folded before it: in a `description: >` whose first
    /// paragraph spans two lines and whose fence line is folded into the line after it, the
    /// warning about that unclosed fence points two lines early.
    fn text_line(&self, origin: Origin, line: usize, text: &str) -> Span {
        let Some(wanted) = text.lines().nth(line).map(str::trim).filter(|_| origin.block) else {
            return origin.span;
        };
        // The same line may appear several times (every fence is "```"): take the occurrence
        // with the same number of like lines before it.
        let earlier = text.lines().take(line).filter(|l| l.trim() == wanted).count();
        let file = origin.span.file;
        let (first, _) = self.cx.sources.line_col(file, origin.span.start);
        let source = self.cx.sources.text(file);
        let found = (first..first + line + text.lines().count() + 1)
            .filter(|&candidate| {
                let start = self.cx.sources.offset(file, candidate, 0);
                source[start..].lines().next().is_some_and(|l| l.trim() == wanted)
            })
            .nth(earlier);
        let start = self.cx.sources.offset(file, found.unwrap_or(first + line), 0);
        let indent = source[start..].len() - source[start..].trim_start_matches(' ').len();
        self.cx.sources.rest_of_line(file, start + indent)
    }

    /// A description as rustdoc, rendered once per module.
    fn render(&mut self, text: &'c str) -> &markdown::Rendered {
        let base = &self.cx.config.base_url;
        self.rendered.entry(text).or_insert_with(|| markdown::to_rustdoc(text, base))
    }

    /// The resolved description of a property, if it has one.
    fn property_text(&mut self, file: usize, property: &'c Property) -> Option<&'c str> {
        self.property_text_at(file, property).map(|(text, _)| text)
    }

    /// The resolved description of a property and where its text is written.
    fn property_text_at(
        &mut self,
        file: usize,
        property: &'c Property,
    ) -> Option<(&'c str, Origin)> {
        let (text, origin) = property.description.as_ref()?;
        self.resolve_text(text, file, *origin, || format!("{} ({})", property.path, property.key))
    }

    /// Resolves a description through the index, reporting what cannot be resolved under the
    /// label `label` makes, written only then.
    fn resolve_text(
        &mut self,
        text: &'c Text,
        file: usize,
        origin: Origin,
        label: impl FnOnce() -> String,
    ) -> Option<(&'c str, Origin)> {
        match self.cx.descriptions.resolve(text, file, origin) {
            Ok(resolved) => Some(resolved),
            Err(problem) => {
                let message = format!("{}: {}", label(), problem.message);
                let diagnostic = match problem.severity {
                    Severity::Error => Diagnostic::error(origin.span, message),
                    Severity::Warning => Diagnostic::warning(origin.span, message),
                };
                self.diagnostics.push(match problem.hint {
                    Some(hint) => diagnostic.with_hint(hint),
                    None => diagnostic,
                });
                None
            }
        }
    }
}

/// Builds a configured union over the entry structs of a folder, each told apart by its
/// first literal field.
fn lower_union(
    cx: &Context<'_>,
    krate: &mut Crate,
    taken: &mut BTreeMap<ModulePath, BTreeSet<String>>,
    declared: &UnionDecl,
    diagnostics: &mut Diagnostics,
) {
    let module = module_path(&declared.folder);
    let names: Vec<String> =
        cx.entries.iter().filter(|e| e.module == module).map(|e| e.name.clone()).collect();
    if names.is_empty() {
        diagnostics.push(Diagnostic::error(
            declared.span,
            format!("union {}: the folder '{}' has no types", declared.name, declared.folder),
        ));
        return;
    }
    let items = &krate.modules[&module].items;
    let mut variants: Vec<UnionVariant> = Vec::new();
    for name in &names {
        let Some((key, value)) = discriminator(items, name) else {
            diagnostics.push(Diagnostic::error(
                declared.span,
                format!(
                    "union {}: `{name}` has no field with a single literal value, so a body \
                     of it cannot be told apart from the others",
                    declared.name
                ),
            ));
            continue;
        };
        if let Some(other) = variants.iter().find(|v| v.value == value) {
            diagnostics.push(Diagnostic::error(
                declared.span,
                format!(
                    "union {}: `{name}` and `{}` are both marked '{value}'",
                    declared.name, other.struct_name
                ),
            ));
            continue;
        }
        let short = name.strip_suffix("Error").filter(|s| !s.is_empty()).unwrap_or(name);
        variants.push(UnionVariant {
            name: short.to_owned(),
            struct_name: name.clone(),
            key,
            value,
        });
    }
    let mut variant_names: Vec<String> = variants.iter().map(|v| v.name.clone()).collect();
    naming::disambiguate(&mut variant_names, "", &[]);
    for (variant, name) in variants.iter_mut().zip(variant_names) {
        variant.name = name;
    }
    let keys: BTreeSet<&str> = variants.iter().map(|v| v.key.as_str()).collect();
    let keys: Vec<String> = keys.iter().map(|k| markdown::code(k)).collect();
    let doc = vec![
        format!(
            "Any of the types documented under {}.",
            markdown::code(&format!("{}/", declared.folder))
        ),
        String::new(),
        format!(
            "A body is read as the type whose {} field holds its value; a body that \
             matches none is kept whole in `Unknown`, so a kind the docs do not list yet \
             never fails to parse.",
            keys.join(" or ")
        ),
    ];
    let name = fresh_name(taken.entry(module.clone()).or_default(), declared.name.clone());
    if name != declared.name {
        let why = if RESERVED_TYPE_NAMES.contains(&declared.name.as_str()) {
            "the generated code uses the name for a standard type"
        } else {
            "the name is taken by a type of the folder"
        };
        diagnostics
            .push(Diagnostic::error(declared.span, format!("union {}: {why}", declared.name)));
    }
    krate.modules.entry(module).or_default().items.push(Item::Union(Union { name, doc, variants }));
}

/// Adds what the lowered modules leave out: the crate root and every module on the way to one
/// with types, each module's other source files, and every module's doc.
fn complete_tree(
    krate: &mut Crate,
    files: &[LoadedFile],
    config: &Config,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    // The crate root always exists, and every ancestor of a module with types, so the
    // module tree is connected and the crate builds even when the docs define no type.
    krate.modules.entry(ModulePath::new()).or_default();
    let paths: Vec<ModulePath> = krate.modules.keys().cloned().collect();
    for path in paths {
        for depth in 0..path.len() {
            krate.modules.entry(path[..depth].to_vec()).or_default();
        }
    }
    // A module's sources are all the files of its folder, since files without types still
    // define the descriptions and the introduction its types use; the folder's
    // `index.mdx` introduces the module.
    let mut folders: BTreeMap<ModulePath, (&str, Option<&LoadedFile>)> = BTreeMap::new();
    let mut module_of = FolderModules::default();
    for file in files {
        let folder = folder_of(&file.relative);
        let path = module_of.get(folder);
        let known = match folders.get_mut(path) {
            Some(known) => known,
            None => folders.entry(path.clone()).or_insert((folder, None)),
        };
        if file.relative.ends_with("/index.mdx") || file.relative == "index.mdx" {
            known.1 = Some(file);
        }
        if let Some(module) = krate.modules.get_mut(path) {
            module.sources.insert(file.relative.clone());
        }
    }
    // Module docs render the introductions of index files, each on its own.
    let warnings: Vec<Vec<Diagnostic>> = krate
        .modules
        .par_iter_mut()
        .map(|(path, module)| {
            let (folder, index) = folders.get(path).copied().unwrap_or(("", None));
            let (doc, warnings) = module_doc(path, folder, index, &module.items, config, sources);
            module.doc = doc;
            warnings
        })
        .collect();
    for warning in warnings.into_iter().flatten() {
        diagnostics.push(warning);
    }
}

/// A name not yet used among `taken`: `name`, else `name2`, `name3`, ...
fn fresh_name(taken: &mut BTreeSet<String>, name: String) -> String {
    let name = if taken.contains(&name) || RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        (2..).map(|n| format!("{name}{n}")).find(|c| !taken.contains(c)).expect("a free name")
    } else {
        name
    };
    taken.insert(name.clone());
    name
}

/// The span of a 0-based line of a file's body. The body is the end of the file's text, so it
/// starts where their lengths differ.
fn body_line(sources: &SourceMap, file: &LoadedFile, line: usize) -> Span {
    let body_start = sources.text(file.file).len() - file.body.text().len();
    let (first, _) = sources.line_col(file.file, body_start);
    sources.rest_of_line_at(file.file, first + line, 0)
}

/// The warnings about a section of a file's body, on the file's lines: those found leaving its
/// MDX out, and those found rendering its prose into `rendered`. `place` says whose docs they
/// are in.
fn section_warnings(
    sources: &SourceMap,
    file: &LoadedFile,
    section: &markdown::BodySection,
    rendered: &markdown::Rendered,
    place: &str,
) -> Vec<Diagnostic> {
    let found = section.warnings.iter().map(|w| (w.line, &w.message));
    let rendering = rendered.warnings.iter();
    let found =
        found.chain(rendering.filter_map(|w| Some((*section.lines.get(w.line)?, &w.message))));
    found
        .map(|(line, message)| {
            Diagnostic::warning(body_line(sources, file, line), format!("{place}: {message}"))
        })
        .collect()
}

/// A section's heading as one doc line, and the warnings about it, at its line of the body.
fn heading_doc(
    sources: &SourceMap,
    file: &LoadedFile,
    section: &markdown::BodySection,
    base_url: &str,
    place: &str,
) -> (String, Vec<Diagnostic>) {
    let rendered = markdown::to_rustdoc(section.heading.trim(), base_url);
    let warnings = section.heading_line.map_or_else(Vec::new, |line| {
        let at = body_line(sources, file, line);
        let warning =
            |w: &markdown::TextWarning| Diagnostic::warning(at, format!("{place}: {}", w.message));
        rendered.warnings.iter().map(warning).collect()
    });
    (rendered.lines.join(" "), warnings)
}

/// A type's doc: the heading of the body section that holds its `<CodeBlock>` as the summary,
/// the section's prose, and a link to its page; and the warnings about that section.
fn entry_doc(
    sources: &SourceMap,
    file: &LoadedFile,
    entry: &Entry,
    config: &Config,
) -> (Vec<String>, Vec<Diagnostic>) {
    let base = &config.base_url;
    let anchor = entry.id.as_deref().unwrap_or(&entry.key);
    let section = file.body.section(anchor);
    let mut warnings = Vec::new();
    let summary = match section.as_ref().filter(|s| !s.heading.trim().is_empty()) {
        Some(section) => {
            let (summary, found) = heading_doc(sources, file, section, base, "the page's body");
            warnings.extend(found);
            summary
        }
        None => inline(entry.title.as_deref().unwrap_or(&entry.key), base),
    };
    let mut doc = vec![summary];
    let rendered = section.as_ref().map(|section| {
        let rendered = markdown::to_rustdoc(&section.prose, base);
        // Not named by the entry: entries that share a section share its warnings, said once.
        let place = "the page's body";
        warnings.extend(section_warnings(sources, file, section, &rendered, place));
        rendered.lines
    });
    match rendered {
        Some(prose) if !prose.is_empty() => {
            doc.push(String::new());
            doc.extend(prose);
        }
        _ => {
            doc.push(String::new());
            doc.push("The docs give no description of this type.".to_owned());
        }
    }
    if let Some(url) = &entry.url {
        doc.push(String::new());
        doc.push(format!("Documented at <{}>.", absolute_url(base, url)));
    }
    (doc, warnings)
}

/// The wire key and value of a struct's first field typed by a one-value enum.
fn discriminator(items: &[Item], struct_name: &str) -> Option<(String, String)> {
    let fields = items.iter().find_map(|item| match item {
        Item::Struct(s) if s.name == struct_name => Some(&s.fields),
        _ => None,
    })?;
    fields.iter().find_map(|field| {
        let RustType::Named { name, .. } = &field.ty else {
            return None;
        };
        items.iter().find_map(|item| match item {
            Item::Enum(e) if &e.name == name && !e.open && e.variants.len() == 1 => {
                Some((field.wire.clone(), e.variants[0].wire.clone()))
            }
            _ => None,
        })
    })
}

/// Applies an override to the property it names, if the entry has it.
fn apply_override(entry: &mut Entry, found: &Override) -> bool {
    let mut keys = found.property.split('.');
    let mut properties = entry.properties.as_mut();
    let mut target = None;
    while let (Some(key), Some(list)) = (keys.next(), properties) {
        target = list.iter_mut().find(|p| p.key == key);
        properties = None;
        if let Some(property) = target.take() {
            if keys.clone().next().is_none() {
                target = Some(property);
                break;
            }
            properties = property.properties.as_mut();
        }
    }
    let Some(property) = target else {
        return false;
    };
    let replacement = &found.replacement;
    if replacement.type_text.is_some() {
        property.type_text = replacement.type_text.clone();
        property.properties = replacement.properties.clone();
    } else if replacement.properties.is_some() {
        property.properties = replacement.properties.clone();
    }
    if found.sets_optional {
        property.optional = replacement.optional;
    }
    if replacement.description.is_some() {
        property.description = replacement.description.clone();
    }
    true
}

/// Module names that would shadow the crates the generated code names (`serde::Serialize`,
/// `serde_json::Value`) or the standard library, or whose files cargo and rustc read otherwise
/// (`src/lib.rs`, `src/main.rs`, `src/bin/`, `mod.rs`).
const RESERVED_MODULE_NAMES: &[&str] =
    &["serde", "serde_json", "std", "core", "alloc", "lib", "main", "bin", "mod"];

/// The module path of the folder asked last, kept for the next file of the same folder.
#[derive(Default)]
struct FolderModules {
    folder: Option<String>,
    module: ModulePath,
}

impl FolderModules {
    fn get(&mut self, folder: &str) -> &ModulePath {
        if self.folder.as_deref() != Some(folder) {
            self.module = module_path(folder);
            self.folder = Some(folder.to_owned());
        }
        &self.module
    }
}

/// The Rust module of a folder.
pub fn module_path(folder: &str) -> ModulePath {
    folder
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let name = naming::snake_case(segment);
            let bare = naming::unraw(&name);
            if RESERVED_MODULE_NAMES.contains(&bare) { format!("{bare}_") } else { name }
        })
        .collect()
}

/// A link from the docs made absolute against the site, with what may not stand inside an
/// autolink (`<https://...>`) percent-encoded: a space, `<`, `>` or a control character would
/// end the link early and leave the rest of the URL as text, even as an HTML tag.
pub fn absolute_url(base: &str, url: &str) -> String {
    const NOT_IN_AUTOLINK: &AsciiSet = &CONTROLS.add(b' ').add(b'<').add(b'>');
    let url: Cow<str> = utf8_percent_encode(url.trim(), NOT_IN_AUTOLINK).into();
    if url.starts_with("http://") || url.starts_with("https://") {
        url.into_owned()
    } else {
        format!("{base}/{}", url.trim_start_matches('/'))
    }
}

/// The name of a type made for a field: the owner's name and the field's, without saying a word
/// twice: `Connection` + `connection_type` is `ConnectionType`, and `SsoRequiredError` + `error`
/// is `SsoRequiredErrorKind`.
fn nested_name(owner: &str, key: &str) -> String {
    let field = naming::upper_camel_case(key);
    let field = naming::unraw(&field);
    if field.starts_with(owner) && field != owner {
        field.to_owned()
    } else if owner.ends_with(field) {
        format!("{owner}Kind")
    } else {
        format!("{owner}{field}")
    }
}

/// Whether a property's type is a list, written as `array` or `T[]`.
fn is_list(property: &Property) -> bool {
    property.type_text.as_ref().is_some_and(|(text, _)| {
        matches!(typeexpr::parse(text), Ok(TypeExpr::Array | TypeExpr::List(_)))
    })
}

/// The singular of an English plural, for naming the items of a list, when it can be told:
/// `Factories` is `Factory`, `Addresses` is `Address`, `Roles` is `Role`; `Status` and `Data`
/// have none.
fn singular(name: &str) -> Option<String> {
    if let Some(stem) = name.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if let Some(stem) = name.strip_suffix(ending) {
            return Some(format!("{stem}{}", &ending[..ending.len() - 2]));
        }
    }
    if name.ends_with("ss") || name.ends_with("us") || name.ends_with("is") {
        return None;
    }
    name.strip_suffix('s').map(str::to_owned)
}

/// The values listed in a description, one per list item written as code: `- \`linked\``.
fn listed_values(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let item = line.trim().strip_prefix(['-', '*'])?.trim();
            let value = item.strip_prefix('`')?.strip_suffix('`')?;
            (!value.is_empty() && !value.contains('`')).then(|| value.to_owned())
        })
        .collect()
}

fn variants(values: &[String]) -> Vec<Variant> {
    let mut names: Vec<String> = values.iter().map(|v| naming::upper_camel_case(v)).collect();
    naming::disambiguate(&mut names, "", &[]);
    names.into_iter().zip(values).map(|(name, wire)| Variant { name, wire: wire.clone() }).collect()
}

fn enum_doc(key: &str, values: &[String], open: bool) -> Vec<String> {
    if open {
        let key = markdown::code(key);
        vec![format!("The values of {key}: those the docs list, and any other the API may add.")]
    } else {
        let value = markdown::code(&values[0]);
        vec![format!("Always {value}: the value that marks this type on the wire.")]
    }
}

/// A module's doc: the introduction of its folder's `index.mdx`, then where its types are
/// documented. A folder without files of its own is named from the module path.
fn module_doc(
    path: &ModulePath,
    folder: &str,
    index: Option<&LoadedFile>,
    items: &[Item],
    config: &Config,
    sources: &SourceMap,
) -> (Vec<String>, Vec<Diagnostic>) {
    let base_url = &config.base_url;
    if path.is_empty() {
        let doc = vec![
            "Wire types of the API, generated from its reference docs.".to_owned(),
            String::new(),
            "Each module mirrors a folder of the docs; each struct is a JSON object the API \
             sends or takes, with its fields documented as the reference documents them."
                .to_owned(),
        ];
        return (doc, Vec::new());
    }
    let folder = if folder.is_empty() { path.join("/") } else { folder.to_owned() };
    let intro = index.and_then(|f| markdown::first_section(f.body.text()));
    let mut doc = Vec::new();
    let mut warnings = Vec::new();
    if let (Some(intro), Some(index)) = (intro, index) {
        let (heading, found) = heading_doc(sources, index, &intro, base_url, "the introduction");
        // When the introduction is also a type's section (the User object's page), the type
        // carries the prose and the module only names it; the type's docs have warned already.
        let told_by_a_type = items.iter().any(|item| match item {
            Item::Struct(s) => s.doc.first() == Some(&heading),
            _ => false,
        });
        if !told_by_a_type {
            warnings.extend(found);
        }
        doc.push(heading);
        let prose = if told_by_a_type {
            Vec::new()
        } else {
            let rendered = markdown::to_rustdoc(&intro.prose, base_url);
            warnings.extend(section_warnings(
                sources,
                index,
                &intro,
                &rendered,
                "the introduction",
            ));
            rendered.lines
        };
        if !prose.is_empty() {
            doc.push(String::new());
            doc.extend(prose);
        }
        doc.push(String::new());
    }
    doc.push(format!(
        "Types documented under {} in the docs.",
        markdown::code(&format!("{folder}/"))
    ));
    (doc, warnings)
}

/// A heading or title as one doc line, with its Markdown made safe for rustdoc.
fn inline(text: &str, base_url: &str) -> String {
    markdown::to_rustdoc(text.trim(), base_url).lines.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_modules() {
        assert_eq!(folder_of("reference/sso/profile.mdx"), "reference/sso");
        assert_eq!(folder_of("top.mdx"), "");
        assert_eq!(
            module_path("reference/authkit/authentication-errors"),
            ["reference", "authkit", "authentication_errors"]
        );
        assert!(module_path("").is_empty());
        assert_eq!(module_path("a/serde/self/type"), ["a", "serde_", "self_", "r#type"]);
        assert_eq!(module_path("lib/main/bin/mod"), ["lib_", "main_", "bin_", "mod_"]);
        assert_eq!(shared_folders("reference/mfa", "reference/authkit/mfa"), 1);
        assert_eq!(shared_folders("reference/authkit/mfa", "reference/authkit/mfa"), 3);
    }

    #[test]
    fn urls_become_absolute() {
        let base = "https://workos.com/docs";
        assert_eq!(absolute_url(base, "/reference/sso"), "https://workos.com/docs/reference/sso");
        assert_eq!(absolute_url(base, "https://example.com/x"), "https://example.com/x");
        assert_eq!(
            absolute_url(base, " /a b<c>%20\u{7}é "),
            "https://workos.com/docs/a%20b%3Cc%3E%20%07%C3%A9"
        );
    }

    #[test]
    fn values_listed_in_a_description() {
        let text =
            "The state.\n\n- `linked`\n\n- `unlinked`\n* `invalid_credentials`\n- not code\n";
        assert_eq!(listed_values(text), ["linked", "unlinked", "invalid_credentials"]);
        assert!(listed_values("Use `a` or `b`.").is_empty());
    }

    #[test]
    fn nested_type_names() {
        assert_eq!(nested_name("MfaChallengeError", "code"), "MfaChallengeErrorCode");
        assert_eq!(nested_name("SsoRequiredError", "error"), "SsoRequiredErrorKind");
        assert_eq!(nested_name("User", "type"), "UserType");
        assert_eq!(nested_name("Connection", "connection_type"), "ConnectionType");
        assert_eq!(nested_name("Connection", "connection"), "ConnectionKind");
    }

    #[test]
    fn singulars() {
        let one = |name| singular(name);
        assert_eq!(one("ErrorOrganizations").as_deref(), Some("ErrorOrganization"));
        assert_eq!(one("ErrorFactories").as_deref(), Some("ErrorFactory"));
        assert_eq!(one("UserAddresses").as_deref(), Some("UserAddress"));
        assert_eq!(one("UserMatches").as_deref(), Some("UserMatch"));
        assert_eq!(one("UserBoxes").as_deref(), Some("UserBox"));
        assert_eq!(one("ErrorStatus"), None);
        assert_eq!(one("ErrorData"), None);
        assert_eq!(one("ErrorAnalysis"), None);
    }
}
