//! [`Values`]: the counters of one statistics structure as `stats::layout` decodes them, with
//! the values `stats::sections` derives, by name.

/// Decoded counters of one structure: scalar fields and derived values by name, array fields
/// by name.
#[derive(Debug, Clone, Default)]
pub struct Values {
    /// Scalars, e.g. ("tcps_sndtotal", 1234).
    pub scalars: Vec<(&'static str, u64)>,
    /// Arrays, e.g. ("icps_outhist", [...]).
    pub arrays: Vec<(&'static str, Vec<u64>)>,
}

impl Values {
    /// The scalar `name`.
    pub fn get(&self, name: &str) -> Option<u64> {
        self.scalars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// The array `name`.
    pub fn array(&self, name: &str) -> Option<&[u64]> {
        self.arrays
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// Set (or add) the scalar `name`.
    pub fn set(&mut self, name: &'static str, value: u64) {
        match self.scalars.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.scalars.push((name, value)),
        }
    }
}
