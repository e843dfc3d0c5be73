//! Placeholder until the real module lands.

/// A note about text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextWarning {
    /// Line.
    pub line: usize,
    /// Message.
    pub message: String,
}

/// Rendered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// Lines.
    pub lines: Vec<String>,
    /// Warnings.
    pub warnings: Vec<TextWarning>,
}

/// Renders.
pub fn to_rustdoc(text: &str, _base_url: &str) -> Rendered {
    Rendered {
        lines: text.trim().lines().map(|l| l.trim_end().to_owned()).collect(),
        warnings: vec![],
    }
}

/// Section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySection {
    /// Heading.
    pub heading: String,
    /// Prose.
    pub prose: String,
}

/// Finds.
pub fn body_section(body: &str, reference_id: &str) -> Option<BodySection> {
    let _ = (body, reference_id);
    None
}
