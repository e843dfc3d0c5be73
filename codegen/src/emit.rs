//! Emitting: the IR becomes formatted Rust source, one file per module.
//!
//! Code is built as tokens with `quote!` and formatted by prettyplease, never pasted together
//! as text, so no doc string or wire name can break out of its literal. The `@generated` header
//! is added after formatting, because the formatter drops plain comments.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use rayon::prelude::*;

use crate::ir::{Crate, Enum, Field, Item, Module, ModulePath, RustType, Struct, Union};
use crate::naming;

/// The first words of every file the generator owns; a file without them is never touched.
pub const HEADER_MARK: &str = "// @generated";

/// The Rust source of every module, by path relative to the crate folder: `src/lib.rs`,
/// `src/reference/sso.rs`, ... The error names a module whose tokens do not parse, which would
/// be a bug of the generator: names are made valid before they reach the tokens.
pub fn emit(krate: &Crate) -> Result<BTreeMap<String, String>, String> {
    // Formatting dominates emitting, and modules are formatted independently.
    krate
        .modules
        .par_iter()
        .map(|(path, module)| {
            let children: Vec<&String> = krate
                .modules
                .keys()
                .filter(|p| p.len() == path.len() + 1 && p.starts_with(path))
                .map(|p| &p[path.len()])
                .collect();
            Ok((file_path(path), module_source(path, module, &children)?))
        })
        .collect()
}

/// Where a module's source goes: `src/lib.rs` for the root, `src/a/b.rs` for `a::b`.
pub fn file_path(path: &ModulePath) -> String {
    if path.is_empty() {
        return "src/lib.rs".to_owned();
    }
    let names: Vec<&str> = path.iter().map(|name| naming::unraw(name)).collect();
    format!("src/{}.rs", names.join("/"))
}

fn module_source(
    path: &ModulePath,
    module: &Module,
    children: &[&String],
) -> Result<String, String> {
    let doc = module.doc.iter().map(|line| doc_text(line));
    let children = children.iter().map(|name| ident(name));
    let serde_import = (!module.items.is_empty()).then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    let items = module.items.iter().map(|item| match item {
        Item::Struct(s) => struct_tokens(path, s),
        Item::Enum(e) => enum_tokens(e),
        Item::Union(u) => union_tokens(u),
    });
    let tokens = quote! {
        #(#![doc = #doc])*
        #(pub mod #children;)*
        #serde_import
        #(#items)*
    };
    let file: syn::File = syn::parse2(tokens).map_err(|err| {
        format!("the code generated for module `{}` does not parse: {err}", path.join("::"))
    })?;
    let mut source = header(module);
    source.push_str(&separate_items(&prettyplease::unparse(&file)));
    Ok(source)
}

/// Puts a blank line between top-level items and after the module's doc, as a person would;
/// prettyplease leaves consecutive items touching.
fn separate_items(formatted: &str) -> String {
    let mut out = String::with_capacity(formatted.len() + formatted.len() / 16);
    let mut previous: Option<&str> = None;
    for line in formatted.lines() {
        if let Some(previous) = previous {
            let ends_item =
                previous == "}" || (previous.ends_with(';') && !previous.starts_with(' '));
            let ends_doc = previous.starts_with("//!") && !line.starts_with("//!");
            let same_group = previous.starts_with("pub mod ") && line.starts_with("pub mod ");
            if (ends_item || ends_doc) && !same_group && !line.is_empty() {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn header(module: &Module) -> String {
    let mut header = format!(
        "{HEADER_MARK} by `cargo xtask codegen` from the API reference docs; do not edit.\n"
    );
    for source in &module.sources {
        header.push_str(&format!("// Source: {source}\n"));
    }
    header
}

fn struct_tokens(module: &ModulePath, item: &Struct) -> TokenStream {
    let doc = item.doc.iter().map(|line| doc_text(line));
    let name = ident(&item.name);
    let fields = item.fields.iter().map(|field| field_tokens(module, field));
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn field_tokens(module: &ModulePath, field: &Field) -> TokenStream {
    let doc = field.doc.iter().map(|line| doc_text(line));
    let name = ident(&field.name);
    let rename = (naming::unraw(&field.name) != field.wire).then(|| {
        let wire = &field.wire;
        quote!(#[serde(rename = #wire)])
    });
    let skip =
        field.optional.then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
    let ty = type_tokens(module, &field.ty);
    quote! {
        #(#[doc = #doc])*
        #rename
        #skip
        pub #name: #ty,
    }
}

/// An open enum: the values the docs list, and a fallback that keeps any other.
fn enum_tokens(item: &Enum) -> TokenStream {
    if !item.open {
        return closed_enum_tokens(item);
    }
    let doc = item.doc.iter().map(|line| doc_text(line));
    let name = ident(&item.name);
    let variants = item.variants.iter().map(|variant| {
        let name = ident(&variant.name);
        let wire = &variant.wire;
        let doc = doc_text(&format!("`{wire}`"));
        quote! {
            #[doc = #doc]
            #[serde(rename = #wire)]
            #name,
        }
    });
    let fallback = fallback_name(item);
    // New values are expected, so matches need a wildcard: adding one is not a breaking change.
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept as it was sent.
            #[serde(untagged)]
            #fallback(String),
        }
    }
}

/// A closed enum: one or more values and nothing else. Its first value is its default, so a
/// literal field can be filled in with `Default::default()`.
fn closed_enum_tokens(item: &Enum) -> TokenStream {
    let doc = item.doc.iter().map(|line| doc_text(line));
    let name = ident(&item.name);
    let variants = item.variants.iter().enumerate().map(|(at, variant)| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        let doc = doc_text(&format!("`{wire}`"));
        let marker = (at == 0).then(|| quote!(#[default]));
        quote! {
            #[doc = #doc]
            #marker
            #[serde(rename = #wire)]
            #variant_name,
        }
    });
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// A union of structs. Serializing writes the struct as it is; deserializing reads the body
/// once as JSON, then picks the variant whose literal field holds its value, so the choice
/// never depends on the order in which variants are tried.
fn union_tokens(item: &Union) -> TokenStream {
    let doc = item.doc.iter().map(|line| doc_text(line));
    let name = ident(&item.name);
    let taken = |candidate: &str| item.variants.iter().any(|v| v.name == candidate);
    let unknown = ident(
        ["Unknown", "Unlisted", "OtherBody"].into_iter().find(|n| !taken(n)).unwrap_or("Raw"),
    );
    let variants = item.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let struct_name = ident(&variant.struct_name);
        let doc = doc_text(&format!("A body whose `{}` is `{}`.", variant.key, variant.value));
        quote! {
            #[doc = #doc]
            #variant_name(#struct_name),
        }
    });
    // One position per discriminating key, so a body that carries several keys is matched
    // on the key each variant is marked by.
    let keys: Vec<&str> =
        item.variants.iter().map(|v| v.key.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    let arms = item.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let pattern = keys.iter().map(|key| {
            let value = &variant.value;
            if *key == variant.key { quote!(Some(#value)) } else { quote!(_) }
        });
        quote! {
            (#(#pattern,)*) => serde_json::from_value(body).map(Self::#variant_name),
        }
    });
    quote! {
        #(#[doc = #doc])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A body of a kind the docs do not list, kept as it was sent.
            #unknown(serde_json::Value),
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let body = serde_json::Value::deserialize(deserializer)?;
                let tag = |key: &str| {
                    body.get(key).and_then(serde_json::Value::as_str).map(str::to_owned)
                };
                let parsed = match (#(tag(#keys).as_deref(),)*) {
                    #(#arms)*
                    _ => Ok(Self::#unknown(body)),
                };
                parsed.map_err(serde::de::Error::custom)
            }
        }
    }
}

/// The fallback variant's name: `Other`, unless a listed value took it.
fn fallback_name(item: &Enum) -> Ident {
    let taken = |name: &str| item.variants.iter().any(|v| v.name == name);
    let name =
        ["Other", "Unknown", "OtherValue"].into_iter().find(|n| !taken(n)).unwrap_or("Unlisted");
    ident(name)
}

fn type_tokens(module: &ModulePath, ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::F64 => quote!(f64),
        RustType::I64 => quote!(i64),
        RustType::Json => quote!(serde_json::Value),
        RustType::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        RustType::Vec(item) => {
            let item = type_tokens(module, item);
            quote!(Vec<#item>)
        }
        RustType::Option(inner) => {
            let inner = type_tokens(module, inner);
            quote!(Option<#inner>)
        }
        RustType::Named { module: target, name } => {
            let name = ident(name);
            if target == module {
                quote!(#name)
            } else {
                let path = target.iter().map(|segment| ident(segment));
                quote!(crate #(::#path)* :: #name)
            }
        }
    }
}

/// A doc line as rustdoc wants it: after a space, so `///` is followed by one.
fn doc_text(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(" {line}") }
}

/// An identifier; `r#name` becomes a raw identifier. Names come from the naming module, which
/// only makes valid ones.
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
