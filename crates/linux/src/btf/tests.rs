use super::*;

/// A BTF blob of `types` (each a type's words) and `strings`.
fn blob(types: &[&[u32]], strings: &[u8]) -> Vec<u8> {
    let t: Vec<u8> = types
        .iter()
        .flat_map(|ty| ty.iter().flat_map(|w| w.to_ne_bytes()))
        .collect();
    super::blob(&t, strings)
}

const STRINGS: &[u8] = b"\0int\0outer\0a\0b\0flag\0inner\0p\0";
// name offsets: int 1, outer 5, a 11, b 13, flag 15, inner 20, p 26

fn sample() -> Vec<u8> {
    blob(
        &[
            // [1] int, 4 bytes.
            &[1, KIND_INT << 24, 4, 32],
            // [2] struct inner { int b; } (8 bytes with padding).
            &[20, KIND_STRUCT << 24 | 1, 8, 13, 1, 0],
            // [3] struct outer (kind_flag: bitfields) { int a; union { struct inner; }; flag:1 at bit 97; int *p; }
            &[
                5,
                1 << 31 | KIND_STRUCT << 24 | 4,
                24,
                11,
                1,
                0,
                0,
                4,
                32,
                15,
                1,
                1 << 24 | 97,
                26,
                5,
                128,
            ],
            // [4] anonymous union { struct inner; }
            &[0, KIND_UNION << 24 | 1, 8, 0, 2, 0],
            // [5] int *
            &[0, KIND_PTR << 24, 1],
        ],
        STRINGS,
    )
}

#[test]
fn members_are_found_through_anonymous_unions_and_structs() {
    let data = sample();
    let btf = Btf::parse(&data).unwrap();
    let outer = btf.struct_id("outer").unwrap();
    assert_eq!(outer, 3);
    assert_eq!(btf.member(outer, "a").unwrap().byte_offset("a").unwrap(), 0);
    // b lies in inner, in the anonymous union at bit 32.
    let b = btf.member(outer, "b").unwrap();
    assert_eq!((b.bit_offset, b.bitfield_size, b.type_id), (32, 0, 1));
    let flag = btf.member(outer, "flag").unwrap();
    assert_eq!((flag.bit_offset, flag.bitfield_size), (97, 1));
    assert!(flag.byte_offset("flag").is_err());
    assert_eq!(btf.path("outer", "p").unwrap().0, 16);
    assert!(btf.is_pointer(5).unwrap());
    assert_eq!(btf.size_of(3).unwrap(), 24);
    assert_eq!(btf.size_of(5).unwrap(), 8);
    assert!(btf.member(outer, "missing").is_err());
    assert!(btf.struct_id("nothing").is_err());
}

#[test]
fn a_path_does_not_follow_pointers() {
    let data = sample();
    let btf = Btf::parse(&data).unwrap();
    // p is a pointer: nothing can be reached through it by offset.
    assert!(btf.path("outer", "p.b").is_err());
}

#[test]
fn bad_headers_and_sections_are_errors() {
    let data = sample();
    assert!(Btf::parse(&data[..10]).is_err());
    assert!(Btf::parse(&[0u8; 24]).is_err());
    let mut long = data.clone();
    long[12..16].copy_from_slice(&10_000u32.to_ne_bytes());
    assert!(Btf::parse(&long).is_err());
    let mut kind = data.clone();
    kind[24 + 4..24 + 8].copy_from_slice(&(31u32 << 24).to_ne_bytes());
    assert!(Btf::parse(&kind).is_err());
}

#[cfg(target_os = "linux")]
#[test]
fn the_running_kernels_sock_common_has_its_fixed_fields() {
    // Every Linux since 4.x: skc_daddr at 0, skc_rcv_saddr at 4, skc_dport at 12, skc_num at
    // 14, skc_family at 16 (include/net/sock.h).
    let Ok(data) = std::fs::read("/sys/kernel/btf/vmlinux") else {
        panic!("this kernel has no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)");
    };
    let btf = Btf::parse(&data).unwrap();
    for (name, off) in [
        ("skc_daddr", 0),
        ("skc_rcv_saddr", 4),
        ("skc_dport", 12),
        ("skc_num", 14),
        ("skc_family", 16),
    ] {
        assert_eq!(btf.path("sock_common", name).unwrap().0, off, "{name}");
    }
    let layout = crate::tcp_walk::layout::Layout::from_btf(&btf).unwrap();
    assert_eq!(layout.family, 16);
    assert!(layout.record_len() > 88);
}

mod random {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn random_bytes_decode_or_error(data in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok(btf) = Btf::parse(&data) {
                let _ = btf.struct_id("outer").and_then(|id| btf.member(id, "b"));
            }
        }

        #[test]
        fn a_cut_or_changed_blob_decodes_or_errors(cut in 0usize..200, at in 0usize..200, byte in any::<u8>()) {
            let mut data = sample();
            if at < data.len() {
                data[at] = byte;
            }
            data.truncate(cut.min(data.len()));
            if let Ok(btf) = Btf::parse(&data) {
                for name in ["outer", "inner"] {
                    if let Ok(id) = btf.struct_id(name) {
                        for m in ["a", "b", "flag", "p"] {
                            let _ = btf.member(id, m);
                        }
                        let _ = btf.size_of(id);
                    }
                }
                let _ = btf.path("outer", "p.b");
                let _ = Layout_check(&btf);
            }
        }
    }

    #[allow(non_snake_case)]
    fn Layout_check(btf: &Btf<'_>) -> rnetstat_core::Result<crate::tcp_walk::layout::Layout> {
        crate::tcp_walk::layout::Layout::from_btf(btf)
    }
}
