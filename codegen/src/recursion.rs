//! Recursive types: a field that leads back to its own struct is boxed.
//!
//! The docs may describe an object that holds another of its kind (`parent: node | null`), or
//! two that hold each other. A Rust struct that contains itself by value has no finite size and
//! does not compile, so such a field's type goes behind a `Box`, which serde reads and writes as
//! the value inside. A `Vec` or a map already keeps its items on the heap and breaks no cycle
//! that needs breaking; only what a struct holds inline (its fields, through `Option`) and what
//! a union holds inline (its structs) count.
//!
//! Every field that points into the strongly connected component of its own struct is boxed,
//! not the fewest fields that would do: which field closes a cycle would otherwise depend on
//! the order of a search, and the rule is one a reader can check by looking at the types.

use foldhash::{HashMap, HashMapExt};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::ir::{Crate, Item, ModulePath, RustType};

/// Boxes each struct field whose type holds, inline, a type of the same strongly connected
/// component of the graph of types held inline: the fields that make a type contain itself.
/// Returns how many fields were boxed.
pub fn box_recursive_fields(krate: &mut Crate) -> usize {
    // Most docs have no type that holds another of its kind, and most structs hold no struct
    // at all: when no struct is held inline by one that holds a struct, there is no cycle, and
    // no graph is needed.
    let holds = |item: &Item| match item {
        Item::Struct(s) => s.fields.iter().any(|f| held_inline(&f.ty).is_some()),
        Item::Union(_) => true,
        Item::Enum(_) => false,
    };
    let mut held: foldhash::HashSet<(&ModulePath, &str)> = foldhash::HashSet::default();
    for (path, module) in &krate.modules {
        for item in module.items.iter().filter(|item| holds(item)) {
            match item {
                Item::Struct(s) => held.extend(s.fields.iter().filter_map(|f| held_inline(&f.ty))),
                Item::Union(u) => {
                    held.extend(u.variants.iter().map(|v| (path, v.struct_name.as_str())))
                }
                Item::Enum(_) => {}
            }
        }
    }
    let may_cycle = krate.modules.iter().any(|(path, module)| {
        module.items.iter().any(|item| match item {
            Item::Struct(s) => holds(item) && held.contains(&(path, s.name.as_str())),
            Item::Union(u) => held.contains(&(path, u.name.as_str())),
            Item::Enum(_) => false,
        })
    });
    if !may_cycle {
        return 0;
    }
    // A node per struct and union, numbered in the crate's order, which the second walk below
    // follows too, so that it finds each item's node without looking up its name.
    let items = krate.modules.values().flat_map(|module| &module.items);
    let holders = items.filter(|item| !matches!(item, Item::Enum(_))).count();
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(holders, holders);
    let mut nodes: HashMap<(&ModulePath, &str), NodeIndex> = HashMap::with_capacity(holders);
    for (path, module) in &krate.modules {
        for item in &module.items {
            match item {
                Item::Struct(s) => nodes.insert((path, &s.name), graph.add_node(())),
                Item::Union(u) => nodes.insert((path, &u.name), graph.add_node(())),
                Item::Enum(_) => None,
            };
        }
    }
    for (path, module) in &krate.modules {
        for item in &module.items {
            match item {
                Item::Struct(s) => {
                    let from = nodes[&(path, s.name.as_str())];
                    for field in &s.fields {
                        if let Some(to) = held_inline(&field.ty).and_then(|k| nodes.get(&k)) {
                            graph.add_edge(from, *to, ());
                        }
                    }
                }
                Item::Union(u) => {
                    let from = nodes[&(path, u.name.as_str())];
                    for variant in &u.variants {
                        if let Some(to) = nodes.get(&(path, variant.struct_name.as_str())) {
                            graph.add_edge(from, *to, ());
                        }
                    }
                }
                Item::Enum(_) => {}
            }
        }
    }
    // The component of every node that is in a cycle; a node alone is in one only through an
    // edge to itself.
    let mut component: Vec<Option<usize>> = vec![None; graph.node_count()];
    for (index, members) in tarjan_scc(&graph).into_iter().enumerate() {
        if members.len() > 1 || graph.contains_edge(members[0], members[0]) {
            for node in members {
                component[node.index()] = Some(index);
            }
        }
    }
    if component.iter().all(Option::is_none) {
        return 0;
    }
    // Each field's target by node, found while `nodes` still borrows the crate.
    let targets: Vec<Vec<Option<usize>>> = krate
        .modules
        .values()
        .flat_map(|module| &module.items)
        .filter_map(|item| match item {
            Item::Struct(s) => Some(
                s.fields.iter().map(|f| Some(nodes.get(&held_inline(&f.ty)?)?.index())).collect(),
            ),
            Item::Union(_) => Some(Vec::new()),
            Item::Enum(_) => None,
        })
        .collect();
    let mut boxed = 0;
    let holders = krate.modules.values_mut().flat_map(|module| &mut module.items);
    let holders = holders.filter(|item| !matches!(item, Item::Enum(_)));
    for (node, (item, targets)) in holders.zip(targets).enumerate() {
        let (Item::Struct(s), Some(own)) = (item, component[node]) else { continue };
        for (field, target) in s.fields.iter_mut().zip(targets) {
            if target.and_then(|t| component[t]) == Some(own) {
                box_inline(&mut field.ty);
                boxed += 1;
            }
        }
    }
    boxed
}

/// The generated type that a field of type `ty` holds inline, if any: the type itself, or the
/// one inside an `Option`.
fn held_inline(ty: &RustType) -> Option<(&ModulePath, &str)> {
    match ty {
        RustType::Named { module, name } => Some((module, name)),
        RustType::Option(inner) => held_inline(inner),
        _ => None,
    }
}

/// Puts the generated type held inline behind a `Box`, inside any `Option`:
/// `Option<Node>` becomes `Option<Box<Node>>`, which serde treats as `Option<Node>`.
fn box_inline(ty: &mut RustType) {
    match ty {
        RustType::Option(inner) => box_inline(inner),
        named @ RustType::Named { .. } => {
            let inner = std::mem::replace(named, RustType::Json);
            *named = RustType::Boxed(Box::new(inner));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Module, Struct};

    fn named(module: &[&str], name: &str) -> RustType {
        RustType::Named {
            module: module.iter().map(|s| (*s).to_owned()).collect(),
            name: name.to_owned(),
        }
    }

    fn field(name: &str, ty: RustType) -> Field {
        Field { name: name.to_owned(), wire: name.to_owned(), doc: Vec::new(), ty, optional: false }
    }

    fn krate(modules: Vec<(&[&str], Vec<Struct>)>) -> Crate {
        let mut krate = Crate::default();
        for (path, structs) in modules {
            let module = Module {
                items: structs.into_iter().map(Item::Struct).collect(),
                ..Module::default()
            };
            krate.modules.insert(path.iter().map(|s| (*s).to_owned()).collect(), module);
        }
        krate
    }

    fn structure(name: &str, fields: Vec<Field>) -> Struct {
        Struct { name: name.to_owned(), doc: Vec::new(), fields }
    }

    fn types(krate: &Crate) -> Vec<(String, RustType)> {
        let mut found = Vec::new();
        for module in krate.modules.values() {
            for item in &module.items {
                if let Item::Struct(s) = item {
                    found.extend(
                        s.fields.iter().map(|f| (format!("{}.{}", s.name, f.name), f.ty.clone())),
                    );
                }
            }
        }
        found
    }

    #[test]
    fn a_struct_that_holds_itself_or_a_partner_is_boxed_where_the_cycle_closes() {
        let boxed = |ty: RustType| RustType::Boxed(Box::new(ty));
        let mut krate = krate(vec![
            (
                &["a"],
                vec![
                    structure(
                        "Node",
                        vec![
                            field("parent", named(&["a"], "Node").optional()),
                            field("children", RustType::Vec(Box::new(named(&["a"], "Node")))),
                            field("tag", named(&["a"], "Tag")),
                        ],
                    ),
                    structure("Tag", vec![field("name", RustType::String)]),
                    structure("Ping", vec![field("pong", named(&["b"], "Pong"))]),
                ],
            ),
            (
                &["b"],
                vec![structure(
                    "Pong",
                    vec![
                        field("ping", named(&["a"], "Ping").optional()),
                        field("tag", named(&["a"], "Tag")),
                    ],
                )],
            ),
        ]);
        assert_eq!(box_recursive_fields(&mut krate), 3);
        assert_eq!(
            types(&krate),
            [
                (
                    "Node.parent".to_owned(),
                    RustType::Option(Box::new(boxed(named(&["a"], "Node"))))
                ),
                ("Node.children".to_owned(), RustType::Vec(Box::new(named(&["a"], "Node")))),
                ("Node.tag".to_owned(), named(&["a"], "Tag")),
                ("Tag.name".to_owned(), RustType::String),
                ("Ping.pong".to_owned(), boxed(named(&["b"], "Pong"))),
                ("Pong.ping".to_owned(), RustType::Option(Box::new(boxed(named(&["a"], "Ping"))))),
                ("Pong.tag".to_owned(), named(&["a"], "Tag")),
            ]
        );
        // Once boxed, nothing is left to box.
        assert_eq!(box_recursive_fields(&mut krate), 0);
    }
}
