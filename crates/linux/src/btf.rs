//! The kernel's BPF Type Format (/sys/kernel/btf/vmlinux): where a member of a kernel struct
//! lies, so that [`crate::tcp_walk`] reads the socket tables of the kernel it runs on rather
//! than of the kernel it was built against.
//!
//! Layout (include/uapi/linux/btf.h): a header (magic 0xeb9f, version, flags, hdr_len, then
//! type_off, type_len, str_off, str_len, the offsets counted from the header's end); the type
//! section, a sequence of struct btf_type (name_off, info: vlen in bits 0-15, kind in bits
//! 24-28, kind_flag in bit 31; size or type) each followed by what its kind carries; the
//! string section, NUL-terminated names. Type ids count from 1 in order. A struct's or union's
//! members (name_off, type, offset) give the bit offset; with kind_flag set the top 8 bits of
//! offset are a bitfield's size. Only what the socket walk needs is decoded: structs, unions,
//! pointers, typedefs and qualifiers; every other kind is stepped over by its size.

use rnetstat_core::{Error, Result};
use std::collections::HashMap;

const WHAT: &str = "BTF";
const MAGIC: u16 = 0xeb9f;
const HEADER_LEN: usize = 24;
const TYPE_LEN: usize = 12;

const KIND_INT: u32 = 1;
const KIND_PTR: u32 = 2;
const KIND_ARRAY: u32 = 3;
const KIND_STRUCT: u32 = 4;
const KIND_UNION: u32 = 5;
const KIND_ENUM: u32 = 6;
const KIND_TYPEDEF: u32 = 8;
const KIND_VOLATILE: u32 = 9;
const KIND_CONST: u32 = 10;
const KIND_RESTRICT: u32 = 11;
const KIND_FUNC_PROTO: u32 = 13;
const KIND_VAR: u32 = 14;
const KIND_DATASEC: u32 = 15;
const KIND_DECL_TAG: u32 = 17;
const KIND_TYPE_TAG: u32 = 18;
const KIND_ENUM64: u32 = 19;
const KIND_MAX: u32 = 19;
/// Members one lookup may visit, anonymous ones' included: a real struct has at most a few
/// hundred; a made-up one of nested anonymous members of itself would be exponential.
const MEMBER_VISITS: u32 = 100_000;

/// A decoded type table: each type's place in the type section, and the structs by name.
pub struct Btf<'a> {
    types: &'a [u8],
    strings: &'a [u8],
    /// Byte offset in `types` of type id `i + 1`.
    offsets: Vec<u32>,
    structs: HashMap<&'a str, u32>,
}

/// Where a member lies in its struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Offset from the struct's start, in bits.
    pub bit_offset: u32,
    /// A bitfield's width in bits; 0 for a whole member.
    pub bitfield_size: u32,
    /// The member's type id.
    pub type_id: u32,
}

impl Member {
    /// The byte offset of a whole member; an error for a bitfield or an unaligned member.
    pub fn byte_offset(&self, name: &str) -> Result<u32> {
        if self.bitfield_size != 0 || !self.bit_offset.is_multiple_of(8) {
            return Err(bad(format!("{name} is a bitfield")));
        }
        Ok(self.bit_offset / 8)
    }
}

fn bad(detail: impl Into<String>) -> Error {
    Error::decode(WHAT, detail)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_ne_bytes([s[0], s[1], s[2], s[3]]))
}

/// A BTF blob of the type section `types` (each type's words, in the host's byte order) and
/// the string section `strings`: the header [`Btf::parse`] reads, then the two.
pub fn blob(types: &[u8], strings: &[u8]) -> Vec<u8> {
    let mut b = Vec::with_capacity(HEADER_LEN + types.len() + strings.len());
    b.extend_from_slice(&MAGIC.to_ne_bytes());
    b.extend_from_slice(&[1, 0]);
    let (t, s) = (types.len() as u32, strings.len() as u32);
    for v in [HEADER_LEN as u32, 0, t, t, s] {
        b.extend_from_slice(&v.to_ne_bytes());
    }
    b.extend_from_slice(types);
    b.extend_from_slice(strings);
    b
}

impl<'a> Btf<'a> {
    /// Decode `data`, the kernel's BTF in its native byte order.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        let magic = data.get(..2).map(|m| u16::from_ne_bytes([m[0], m[1]]));
        if magic != Some(MAGIC) {
            return Err(bad("no BTF magic"));
        }
        let field = |at| u32_at(data, at).ok_or_else(|| bad("header cut short"));
        let hdr_len = field(4)? as usize;
        if hdr_len < HEADER_LEN || hdr_len > data.len() {
            return Err(bad(format!("header length {hdr_len}")));
        }
        let section = |off: u32, len: u32| -> Result<&'a [u8]> {
            let start = hdr_len
                .checked_add(off as usize)
                .ok_or_else(|| bad("section offset"))?;
            start
                .checked_add(len as usize)
                .and_then(|end| data.get(start..end))
                .ok_or_else(|| bad("a section runs past the end"))
        };
        let types = section(field(8)?, field(12)?)?;
        let strings = section(field(16)?, field(20)?)?;
        let mut btf = Btf {
            types,
            strings,
            offsets: Vec::new(),
            structs: HashMap::new(),
        };
        let mut at = 0usize;
        while at < types.len() {
            let (name_off, info) = btf.header_of(at)?;
            let kind = (info >> 24) & 0x1f;
            let vlen = (info & 0xffff) as usize;
            let extra = match kind {
                KIND_INT | KIND_VAR | KIND_DECL_TAG => 4,
                KIND_ARRAY => 12,
                KIND_STRUCT | KIND_UNION | KIND_DATASEC => 12 * vlen,
                KIND_ENUM | KIND_FUNC_PROTO => 8 * vlen,
                KIND_ENUM64 => 12 * vlen,
                k if k > KIND_MAX || k == 0 => return Err(bad(format!("type kind {k}"))),
                _ => 0,
            };
            let next = at + TYPE_LEN + extra;
            if next > types.len() {
                return Err(bad("a type runs past the type section"));
            }
            btf.offsets.push(at as u32);
            if kind == KIND_STRUCT && name_off != 0 {
                let id = btf.offsets.len() as u32;
                let name = btf.name(name_off)?;
                // The first of two structs of one name (rare: a module's copy) stays.
                btf.structs.entry(name).or_insert(id);
            }
            at = next;
        }
        Ok(btf)
    }

    fn header_of(&self, at: usize) -> Result<(u32, u32)> {
        match (u32_at(self.types, at), u32_at(self.types, at + 4)) {
            (Some(n), Some(i)) if at + TYPE_LEN <= self.types.len() => Ok((n, i)),
            _ => Err(bad("a type runs past the type section")),
        }
    }

    fn name(&self, off: u32) -> Result<&'a str> {
        let rest = self
            .strings
            .get(off as usize..)
            .ok_or_else(|| bad(format!("name offset {off}")))?;
        let end = rest
            .iter()
            .position(|b| *b == 0)
            .ok_or_else(|| bad("a name without its NUL"))?;
        std::str::from_utf8(&rest[..end]).map_err(|_| bad("a name that is not UTF-8"))
    }

    /// (kind, vlen, kind_flag, size_or_type, byte offset of the kind's extra data) of type `id`.
    fn raw(&self, id: u32) -> Result<(u32, usize, bool, u32, usize)> {
        let at = id
            .checked_sub(1)
            .and_then(|i| self.offsets.get(i as usize))
            .map(|at| *at as usize)
            .ok_or_else(|| bad(format!("type id {id}")))?;
        let (_, info) = self.header_of(at)?;
        let size_or_type = u32_at(self.types, at + 8).ok_or_else(|| bad("type cut short"))?;
        Ok((
            (info >> 24) & 0x1f,
            (info & 0xffff) as usize,
            info >> 31 == 1,
            size_or_type,
            at + TYPE_LEN,
        ))
    }

    /// The id of the struct named `name`.
    pub fn struct_id(&self, name: &str) -> Result<u32> {
        self.structs
            .get(name)
            .copied()
            .ok_or_else(|| bad(format!("no struct {name}")))
    }

    /// `id` with typedefs and qualifiers (const, volatile, restrict, type tags) taken off.
    pub fn resolve(&self, mut id: u32) -> Result<u32> {
        for _ in 0..32 {
            let (kind, _, _, next, _) = self.raw(id)?;
            match kind {
                KIND_TYPEDEF | KIND_VOLATILE | KIND_CONST | KIND_RESTRICT | KIND_TYPE_TAG => {
                    id = next
                }
                _ => return Ok(id),
            }
        }
        Err(bad(format!("type {id}: a chain of typedefs too long")))
    }

    /// True when `id` (typedefs taken off) is a pointer.
    pub fn is_pointer(&self, id: u32) -> Result<bool> {
        Ok(self.raw(self.resolve(id)?)?.0 == KIND_PTR)
    }

    /// The size in bytes of struct, union or integer `id` (typedefs taken off); 8 for a
    /// pointer.
    pub fn size_of(&self, id: u32) -> Result<u32> {
        let (kind, _, _, size, _) = self.raw(self.resolve(id)?)?;
        match kind {
            KIND_STRUCT | KIND_UNION | KIND_INT | KIND_ENUM | KIND_ENUM64 => Ok(size),
            KIND_PTR => Ok(8),
            k => Err(bad(format!("type {id} of kind {k} has no size here"))),
        }
    }

    /// Member `name` of struct or union `id`, looked for in its anonymous structs and unions
    /// too (the kernel's sock_common keeps most of its fields in them); the offset counts
    /// from `id`'s start.
    pub fn member(&self, id: u32, name: &str) -> Result<Member> {
        let mut budget = MEMBER_VISITS;
        self.find_member(id, name, 0, &mut budget)?.ok_or_else(|| {
            let owner = self
                .raw(id)
                .ok()
                .and_then(|_| self.type_name(id))
                .unwrap_or("?");
            bad(format!("struct {owner} has no member {name}"))
        })
    }

    fn type_name(&self, id: u32) -> Option<&'a str> {
        let at = *self.offsets.get(id.checked_sub(1)? as usize)? as usize;
        self.name(u32_at(self.types, at)?).ok()
    }

    fn find_member(
        &self,
        id: u32,
        name: &str,
        depth: u32,
        budget: &mut u32,
    ) -> Result<Option<Member>> {
        if depth > 8 {
            return Ok(None);
        }
        let id = self.resolve(id)?;
        let (kind, vlen, kind_flag, _, extra) = self.raw(id)?;
        if kind != KIND_STRUCT && kind != KIND_UNION {
            return Err(bad(format!("type {id} is not a struct")));
        }
        for i in 0..vlen {
            *budget = budget
                .checked_sub(1)
                .ok_or_else(|| bad(format!("no member {name} within {MEMBER_VISITS} members")))?;
            let at = extra + 12 * i;
            let (Some(name_off), Some(type_id), Some(offset)) = (
                u32_at(self.types, at),
                u32_at(self.types, at + 4),
                u32_at(self.types, at + 8),
            ) else {
                return Err(bad("a member runs past the type section"));
            };
            let (bit_offset, bitfield_size) = if kind_flag {
                (offset & 0x00ff_ffff, offset >> 24)
            } else {
                (offset, 0)
            };
            if name_off == 0 {
                let inner = self.resolve(type_id)?;
                let inner_kind = self.raw(inner)?.0;
                if inner_kind == KIND_STRUCT || inner_kind == KIND_UNION {
                    if let Some(mut m) = self.find_member(inner, name, depth + 1, budget)? {
                        m.bit_offset = m
                            .bit_offset
                            .checked_add(bit_offset)
                            .ok_or_else(|| bad("member offset"))?;
                        return Ok(Some(m));
                    }
                }
                continue;
            }
            if self.name(name_off)? == name {
                return Ok(Some(Member {
                    bit_offset,
                    bitfield_size,
                    type_id,
                }));
            }
        }
        Ok(None)
    }

    /// The byte offset of `path` (members separated by dots, each an embedded struct but the
    /// last) in struct `struct_name`, and the last member.
    pub fn path(&self, struct_name: &str, path: &str) -> Result<(u32, Member)> {
        let mut id = self.struct_id(struct_name)?;
        let mut offset = 0u32;
        let mut last = None;
        for step in path.split('.') {
            if last.is_some() && self.is_pointer(id)? {
                return Err(bad(format!(
                    "{struct_name}.{path}: {step} is behind a pointer"
                )));
            }
            let m = self.member(id, step)?;
            offset = offset
                .checked_add(m.byte_offset(step)?)
                .ok_or_else(|| bad("member offset"))?;
            id = m.type_id;
            last = Some(m);
        }
        let last = last.ok_or_else(|| bad("an empty member path"))?;
        Ok((offset, last))
    }
}

#[cfg(test)]
mod tests;
