//! The intermediate representation: the Rust types to emit, as plain data.
//!
//! Lowering fills it from the resolved docs; emitting turns it into Rust. It names everything
//! in Rust terms already (identifiers are valid, wire names kept beside them), so tests can
//! build and compare it without YAML or token streams.

use std::collections::{BTreeMap, BTreeSet};

/// The path of a module from the crate root: `["reference", "authkit", "user"]`.
pub type ModulePath = Vec<String>;

/// The whole generated crate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Crate {
    /// Every module that holds types or leads to one, by path; the root is the empty path.
    pub modules: BTreeMap<ModulePath, Module>,
}

/// One module: one file of the generated crate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    /// The docs files, relative to the docs root, whose types are in this module.
    pub sources: BTreeSet<String>,
    /// The module's doc lines.
    pub doc: Vec<String>,
    /// The types, in the order the docs define them.
    pub items: Vec<Item>,
}

/// A type to emit.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A JSON object.
    Struct(Struct),
    /// A set of string values.
    Enum(Enum),
    /// One of several structs, told apart by a literal field.
    Union(Union),
}

/// A struct for a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// The Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// The fields, in the docs' order.
    pub fields: Vec<Field>,
}

/// A field of a [`Struct`].
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust name, possibly raw (`r#type`).
    pub name: String,
    /// The JSON key.
    pub wire: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// The field's type; `Option` for optional and nullable fields.
    pub ty: RustType,
    /// Whether the key may be absent from the JSON; such a field is an `Option` that is left
    /// out when `None`.
    pub optional: bool,
}

/// An enum for a string with known values.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// The Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// The known values.
    pub variants: Vec<Variant>,
    /// Whether an `Other(String)` variant takes any value not listed, so that a value the docs
    /// did not list never fails to parse. A literal field's enum is closed: it accepts only its
    /// one value.
    pub open: bool,
}

/// An enum over structs of one module that each carry a distinct literal field, read by
/// looking at that field first; a body that matches none is kept as raw JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The Rust name.
    pub name: String,
    /// Doc lines.
    pub doc: Vec<String>,
    /// One variant per struct.
    pub variants: Vec<UnionVariant>,
}

/// A variant of a [`Union`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The variant's Rust name.
    pub name: String,
    /// The struct it holds, in the same module.
    pub struct_name: String,
    /// The JSON key of the struct's literal field.
    pub key: String,
    /// The literal.
    pub value: String,
}

/// A known value of an [`Enum`].
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The Rust name.
    pub name: String,
    /// The string on the wire.
    pub wire: String,
}

/// The type of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `f64`.
    F64,
    /// `i64`.
    I64,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `serde_json::Map<String, serde_json::Value>`: any JSON object.
    JsonObject,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// `Option<T>`.
    Option(Box<RustType>),
    /// `Box<T>`: a field that would otherwise make a type contain itself.
    Boxed(Box<RustType>),
    /// A generated type.
    Named {
        /// Its module.
        module: ModulePath,
        /// Its name.
        name: String,
    },
}

impl RustType {
    /// `Option<self>`, without doubling an `Option`.
    pub fn optional(self) -> RustType {
        match self {
            RustType::Option(_) => self,
            other => RustType::Option(Box::new(other)),
        }
    }
}
