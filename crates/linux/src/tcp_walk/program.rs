//! The BPF program of the walk, assembled here from the [`Layout`] of the running kernel (so
//! no compiled object ships, and no compiler is needed), and the small BTF that names its two
//! functions (the kernel wants it for a bpf_loop callback).
//!
//! It is a raw tracepoint program that is never attached: rnetstat runs it with
//! BPF_PROG_TEST_RUN, whose context is the u64 arguments in [`Args`]. Two modes:
//! - peek (`mode` 0): copy [`PEEK_LEN`] bytes at `a1` into the control map value at
//!   [`control::PEEK`], the copy's result at [`control::PEEK_RESULT`] and the current task's
//!   address at [`control::TASK`]: the walker follows the task to its namespace and tables;
//! - walk (`mode` 1: an established table, 2: the listener table): visit the buckets
//!   `first..end` of the table whose bucket array starts at `a1` with bpf_loop (at most
//!   `loops` steps): a step takes the next bucket's first socket (from a window of
//!   [`WINDOW_BUCKETS`] bucket heads read at once into the control value) or copies one socket
//!   into the next record (sock_common, then only the fields its state needs) and moves to the
//!   next; a bucket is recorded whole or not at all. The control value then holds the records
//!   written ([`control::RECORDS`]), the first bucket not visited ([`control::NEXT`]) and
//!   [`control::FAILED`] set when a window could not be read; records stop at the record
//!   map's end.
//!
//! Every kernel read goes through bpf_probe_read_kernel, which fails (and zeroes) rather than
//! faults on memory that changed under it.

use super::layout::{self, Layout};

/// Bytes a peek copies.
pub const PEEK_LEN: i32 = 64;

/// Offsets in the control map's one value.
pub mod control {
    /// u64: records written by the last walk.
    pub const RECORDS: usize = 0;
    /// u64: bpf_loop's return value of the last walk (steps taken).
    pub const STEPS: usize = 8;
    /// u64: the first bucket the last walk did not visit (or did not finish).
    pub const NEXT: usize = 16;
    /// u64: the current task's address (peek).
    pub const TASK: usize = 24;
    /// i64: bpf_probe_read_kernel's result of the last peek.
    pub const PEEK_RESULT: usize = 32;
    /// The bytes of the last peek.
    pub const PEEK: usize = 40;
    /// u64: 1 when the last walk stopped because a window of bucket heads could not be read.
    pub const FAILED: usize = 104;
    /// The walk's state (u64 each), kept here rather than on the stack: the verifier then
    /// sees every step of bpf_loop start alike and checks the step once. (A first version
    /// kept it on the main function's stack and handed the step a pointer to it: Linux 6.1
    /// then found no socket at all, in the kernel matrix.)
    pub const STATE: usize = 128;
    /// The window of bucket heads (whole buckets, [`super::WINDOW_BUCKETS`] of at most 16
    /// bytes).
    pub const WINDOW: usize = 256;
    /// The control value's size.
    pub const LEN: u32 = WINDOW as u32 + 16 * super::WINDOW_BUCKETS as u32;
}

/// Buckets whose heads one read brings in.
pub const WINDOW_BUCKETS: i32 = 32;
/// [`Args`] mode: peek.
pub const PEEK_MODE: u64 = 0;
/// [`Args`] mode: walk an established table.
pub const ESTABLISHED_TABLE: u64 = 1;
/// [`Args`] mode: walk the listener table.
pub const LISTENER_TABLE: u64 = 2;

/// The test-run context: (mode, a1, a2, a3, first, end, loops).
pub type Args = [u64; 7];

const HELPER_MAP_LOOKUP_ELEM: i32 = 1;
const HELPER_GET_CURRENT_TASK: i32 = 35;
const HELPER_PROBE_READ_KERNEL: i32 = 113;
const HELPER_LOOP: i32 = 181;

const R0: u8 = 0;
const R1: u8 = 1;
const R2: u8 = 2;
const R3: u8 = 3;
const R4: u8 = 4;
const R5: u8 = 5;
const R6: u8 = 6;
const R7: u8 = 7;
const R8: u8 = 8;
const R9: u8 = 9;
const FP: u8 = 10;

/// The walk's state in the control value: offsets from [`control::STATE`].
const CTX: i16 = control::STATE as i16;
const BUCKET_RECORDS: i16 = 0;
const BASE: i16 = 8;
const TABLE: i16 = 16;
const WIN_FIRST: i16 = 24;
const BUCKET: i16 = 32;
const END: i16 = 40;
const NODE: i16 = 48;
const RECORDS: i16 = 56;
const WIN_COUNT: i16 = 64;
/// The end marker the list of the bucket being walked must end with (0: none yet).
const END_MARK: i16 = 72;

/// The end marker ("nulls" value) of bucket `i`'s list: `i` in an established table, `i + 2^29`
/// (LISTENING_NULLS_BASE) in the listener table, shifted left with the low bit set.
const LISTENING_NULLS_BASE: i32 = 1 << 29;

const TCP_TIME_WAIT: i32 = 6;
const TCP_LISTEN: i32 = 10;
const TCP_NEW_SYN_RECV: i32 = 12;

/// One instruction (struct bpf_insn) in the host's byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insn {
    code: u8,
    dst: u8,
    src: u8,
    off: i16,
    imm: i32,
}

impl Insn {
    /// The 8 bytes the kernel reads.
    pub fn bytes(&self) -> [u8; 8] {
        let regs = if cfg!(target_endian = "little") {
            self.src << 4 | self.dst
        } else {
            self.dst << 4 | self.src
        };
        let mut b = [0u8; 8];
        b[0] = self.code;
        b[1] = regs;
        b[2..4].copy_from_slice(&self.off.to_ne_bytes());
        b[4..8].copy_from_slice(&self.imm.to_ne_bytes());
        b
    }
}

const fn insn(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
    Insn {
        code,
        dst,
        src,
        off,
        imm,
    }
}

/// A jump whose target is a label, resolved by [`Asm::finish`].
struct Fixup {
    at: usize,
    label: &'static str,
}

#[derive(Default)]
struct Asm {
    insns: Vec<Insn>,
    labels: Vec<(&'static str, usize)>,
    fixups: Vec<Fixup>,
}

impl Asm {
    fn push(&mut self, i: Insn) {
        self.insns.push(i);
    }
    fn label(&mut self, name: &'static str) {
        self.labels.push((name, self.insns.len()));
    }
    fn mov_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0xb7, dst, 0, 0, imm));
    }
    fn mov(&mut self, dst: u8, src: u8) {
        self.push(insn(0xbf, dst, src, 0, 0));
    }
    fn add_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0x07, dst, 0, 0, imm));
    }
    fn add(&mut self, dst: u8, src: u8) {
        self.push(insn(0x0f, dst, src, 0, 0));
    }
    fn sub(&mut self, dst: u8, src: u8) {
        self.push(insn(0x1f, dst, src, 0, 0));
    }
    fn mul_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0x27, dst, 0, 0, imm));
    }
    fn load8(&mut self, dst: u8, src: u8, off: i16) {
        self.push(insn(0x71, dst, src, off, 0));
    }
    fn jlt(&mut self, dst: u8, src: u8, label: &'static str) {
        self.jump(0xad, dst, src, 0, label);
    }
    fn jle_imm(&mut self, dst: u8, imm: i32, label: &'static str) {
        self.jump(0xb5, dst, 0, imm, label);
    }
    fn lsh_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0x67, dst, 0, 0, imm));
    }
    fn or_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0x47, dst, 0, 0, imm));
    }
    fn jeq(&mut self, dst: u8, src: u8, label: &'static str) {
        self.jump(0x1d, dst, src, 0, label);
    }
    fn and_imm(&mut self, dst: u8, imm: i32) {
        self.push(insn(0x57, dst, 0, 0, imm));
    }
    fn load64(&mut self, dst: u8, src: u8, off: i16) {
        self.push(insn(0x79, dst, src, off, 0));
    }
    fn store64(&mut self, dst: u8, off: i16, src: u8) {
        self.push(insn(0x7b, dst, src, off, 0));
    }
    fn store32(&mut self, dst: u8, off: i16, src: u8) {
        self.push(insn(0x63, dst, src, off, 0));
    }
    fn store64_imm(&mut self, dst: u8, off: i16, imm: i32) {
        self.push(insn(0x7a, dst, 0, off, imm));
    }
    fn store32_imm(&mut self, dst: u8, off: i16, imm: i32) {
        self.push(insn(0x62, dst, 0, off, imm));
    }
    /// ld_imm64 of a map (BPF_PSEUDO_MAP_FD).
    fn load_map(&mut self, dst: u8, fd: i32) {
        self.push(insn(0x18, dst, 1, 0, fd));
        self.push(insn(0, 0, 0, 0, 0));
    }
    /// ld_imm64 of a function (BPF_PSEUDO_FUNC): its relative place is fixed up later.
    fn load_func(&mut self, dst: u8, label: &'static str) {
        self.fixups.push(Fixup {
            at: self.insns.len(),
            label,
        });
        self.push(insn(0x18, dst, 4, 0, 0));
        self.push(insn(0, 0, 0, 0, 0));
    }
    fn call(&mut self, helper: i32) {
        self.push(insn(0x85, 0, 0, 0, helper));
    }
    fn exit(&mut self) {
        self.push(insn(0x95, 0, 0, 0, 0));
    }
    fn jump(&mut self, code: u8, dst: u8, src: u8, imm: i32, label: &'static str) {
        self.fixups.push(Fixup {
            at: self.insns.len(),
            label,
        });
        self.push(insn(code, dst, src, 0, imm));
    }
    fn ja(&mut self, label: &'static str) {
        self.jump(0x05, 0, 0, 0, label);
    }
    fn jeq_imm(&mut self, dst: u8, imm: i32, label: &'static str) {
        self.jump(0x15, dst, 0, imm, label);
    }
    fn jne_imm(&mut self, dst: u8, imm: i32, label: &'static str) {
        self.jump(0x55, dst, 0, imm, label);
    }
    fn jge_imm(&mut self, dst: u8, imm: i32, label: &'static str) {
        self.jump(0x35, dst, 0, imm, label);
    }
    fn jge(&mut self, dst: u8, src: u8, label: &'static str) {
        self.jump(0x3d, dst, src, 0, label);
    }
    /// r0 = bpf_probe_read_kernel(dst = r1, size = r2, src = r3).
    fn probe_read(&mut self) {
        self.call(HELPER_PROBE_READ_KERNEL);
    }

    fn finish(mut self) -> (Vec<Insn>, usize) {
        for f in &self.fixups {
            let target = self
                .labels
                .iter()
                .find(|(n, _)| *n == f.label)
                .map(|(_, at)| *at)
                .expect("every label is placed");
            let rel = target as i64 - f.at as i64 - 1;
            let i = &mut self.insns[f.at];
            if i.code == 0x18 {
                i.imm = rel as i32;
            } else {
                i.off = rel as i16;
            }
        }
        let callback = self
            .labels
            .iter()
            .find(|(n, _)| *n == "callback")
            .map(|(_, at)| *at)
            .expect("the callback is placed");
        (self.insns, callback)
    }
}

/// The walk's program for `layout`, writing to the maps `control_fd` and `records_fd` (of
/// `capacity` records), and the index of its callback's first instruction.
pub fn assemble(
    layout: &Layout,
    control_fd: i32,
    records_fd: i32,
    capacity: u32,
) -> (Vec<Insn>, usize) {
    let mut a = Asm::default();
    // main(ctx): r6 = ctx, r9 = the control value.
    a.mov(R6, R1);
    a.load64(R7, R6, 0);
    map_value(&mut a, control_fd, None, R9, "out");
    a.jne_imm(R7, 0, "walk");
    // Peek.
    a.call(HELPER_GET_CURRENT_TASK);
    a.store64(R9, control::TASK as i16, R0);
    a.mov(R1, R9);
    a.add_imm(R1, control::PEEK as i32);
    a.mov_imm(R2, PEEK_LEN);
    a.load64(R3, R6, 8);
    a.probe_read();
    a.store64(R9, control::PEEK_RESULT as i16, R0);
    a.ja("out");
    // Walk: the state on the stack, then bpf_loop(loops, callback, &state, 0).
    a.label("walk");
    a.store64(R9, CTX + TABLE, R7);
    for (arg, slot) in [(1, BASE), (4, BUCKET), (5, END)] {
        a.load64(R1, R6, 8 * arg);
        a.store64(R9, CTX + slot, R1);
    }
    for slot in [BUCKET_RECORDS, WIN_FIRST, RECORDS, WIN_COUNT, END_MARK] {
        a.store64_imm(R9, CTX + slot, 0);
    }
    a.store64_imm(R9, CTX + NODE, 1);
    a.store64_imm(R9, control::FAILED as i16, 0);
    a.load64(R1, R6, 48);
    a.load_func(R2, "callback");
    a.mov_imm(R3, 0);
    a.mov_imm(R4, 0);
    a.call(HELPER_LOOP);
    a.store64(R9, control::STEPS as i16, R0);
    // A bucket left unfinished (steps or records ran out) is taken back whole.
    a.load64(R1, R9, CTX + NODE);
    a.and_imm(R1, 1);
    a.jne_imm(R1, 0, "done");
    a.load64(R1, R9, CTX + BUCKET_RECORDS);
    a.store64(R9, CTX + RECORDS, R1);
    a.load64(R1, R9, CTX + BUCKET);
    a.add_imm(R1, -1);
    a.store64(R9, CTX + BUCKET, R1);
    a.label("done");
    a.load64(R1, R9, CTX + RECORDS);
    a.store64(R9, control::RECORDS as i16, R1);
    a.load64(R1, R9, CTX + BUCKET);
    a.store64(R9, control::NEXT as i16, R1);
    a.label("out");
    a.mov_imm(R0, 0);
    a.exit();

    // callback(index, _): r6 = the control value, which holds the state.
    a.label("callback");
    map_value(&mut a, control_fd, None, R6, "stop");
    a.load64(R1, R6, CTX + NODE);
    a.and_imm(R1, 1);
    a.jeq_imm(R1, 0, "socket");
    // An odd node ends a bucket's list. Its marker names the bucket whose list it ends: the
    // walk takes no lock, and a socket freed and reused while it was read (the kernel's
    // sockets are SLAB_TYPESAFE_BY_RCU) can lead it into another bucket's list, or a head
    // from the window be stale; as the kernel's own lookups do, the bucket is then walked
    // again from its head, read alone, and its records so far taken back.
    a.load64(R2, R6, CTX + END_MARK);
    a.jeq_imm(R2, 0, "advance");
    a.load64(R1, R6, CTX + NODE);
    a.jeq(R1, R2, "advance");
    a.load64(R1, R6, CTX + BUCKET_RECORDS);
    a.store64(R6, CTX + RECORDS, R1);
    a.store64(R6, CTX + NODE, R2);
    a.load64(R3, R6, CTX + BUCKET);
    a.add_imm(R3, -1);
    by_table(&mut a, layout, ["again_e", "again_l"], |a, _, bucket| {
        a.mul_imm(R3, bucket.size as i32);
        a.add_imm(R3, bucket.head as i32);
        a.ja("reread");
    });
    a.label("reread");
    a.load64(R1, R6, CTX + BASE);
    a.add(R3, R1);
    a.mov(R1, R6);
    a.add_imm(R1, (CTX + NODE) as i32);
    a.mov_imm(R2, 8);
    a.probe_read();
    // Unreadable: the node stays the expected marker, and the walk moves on.
    a.jeq_imm(R0, 0, "next");
    a.load64(R1, R6, CTX + END_MARK);
    a.store64(R6, CTX + NODE, R1);
    a.ja("next");
    // Take the next bucket's first socket.
    a.label("advance");
    a.load64(R3, R6, CTX + BUCKET);
    a.load64(R4, R6, CTX + END);
    a.jge(R3, R4, "stop");
    a.load64(R5, R6, CTX + RECORDS);
    a.store64(R6, CTX + BUCKET_RECORDS, R5);
    a.mov(R1, R3);
    a.add_imm(R1, 1);
    a.store64(R6, CTX + BUCKET, R1);
    // r7: the bucket's place in the window, when the window holds it.
    a.mov(R7, R3);
    a.load64(R5, R6, CTX + WIN_FIRST);
    a.sub(R7, R5);
    a.load64(R5, R6, CTX + WIN_COUNT);
    a.jlt(R7, R5, "in_window");
    // Read the window from this bucket on: r7 buckets (at most WINDOW_BUCKETS, up to END).
    a.store64(R6, CTX + WIN_FIRST, R3);
    a.mov(R7, R4);
    a.sub(R7, R3);
    a.jle_imm(R7, WINDOW_BUCKETS, "sized");
    a.mov_imm(R7, WINDOW_BUCKETS);
    a.label("sized");
    a.store64(R6, CTX + WIN_COUNT, R7);
    by_table(&mut a, layout, ["read_e", "read_l"], |a, _, bucket| {
        a.mov(R2, R7);
        a.mul_imm(R2, bucket.size as i32);
        a.load64(R3, R6, CTX + WIN_FIRST);
        a.mul_imm(R3, bucket.size as i32);
        a.load64(R1, R6, CTX + BASE);
        a.add(R3, R1);
        a.mov(R1, R6);
        a.add_imm(R1, control::WINDOW as i32);
        a.probe_read();
        a.jne_imm(R0, 0, "failed");
        a.mov_imm(R7, 0);
        a.ja("pick");
    });
    a.label("in_window");
    // r7 = the bucket's place in the window: its head is the node.
    a.label("pick");
    by_table(&mut a, layout, ["pick_e", "pick_l"], |a, table, bucket| {
        a.and_imm(R7, WINDOW_BUCKETS - 1);
        a.mul_imm(R7, bucket.size as i32);
        a.add_imm(R7, bucket.head as i32);
        a.mov(R1, R6);
        a.add(R1, R7);
        a.load64(R1, R1, control::WINDOW as i16);
        a.store64(R6, CTX + NODE, R1);
        // The marker this bucket's list ends with.
        a.load64(R1, R6, CTX + BUCKET);
        a.add_imm(R1, -1);
        if table == LISTENER_TABLE {
            a.add_imm(R1, LISTENING_NULLS_BASE);
        }
        a.lsh_imm(R1, 1);
        a.or_imm(R1, 1);
        a.store64(R6, CTX + END_MARK, R1);
        a.ja("next");
    });
    // A socket: copy it into the next record.
    a.label("socket");
    a.load64(R7, R6, CTX + RECORDS);
    a.jge_imm(R7, capacity as i32, "stop");
    map_value(&mut a, records_fd, Some(R7), R8, "stop");
    a.load64(R9, R6, CTX + NODE);
    a.add_imm(R9, -(layout.nulls_node as i32));
    a.mov(R1, R8);
    a.mov_imm(R2, layout.common_len as i32);
    a.mov(R3, R9);
    a.probe_read();
    // Then the fields its state needs (a TIME_WAIT or request socket is shorter).
    a.load8(R1, R8, layout.state as i16);
    a.jeq_imm(R1, TCP_TIME_WAIT, "time_wait");
    a.jeq_imm(R1, TCP_NEW_SYN_RECV, "copied");
    a.jeq_imm(R1, TCP_LISTEN, "listener");
    extras(
        &mut a,
        layout,
        &[
            layout::RCV_NXT,
            layout::COPIED_SEQ,
            layout::WRITE_SEQ,
            layout::SND_UNA,
        ],
    );
    a.ja("copied");
    a.label("listener");
    extras(
        &mut a,
        layout,
        &[layout::ACK_BACKLOG, layout::MAX_ACK_BACKLOG],
    );
    a.ja("copied");
    a.label("time_wait");
    extras(&mut a, layout, &[layout::TW_SUBSTATE]);
    a.label("copied");
    a.store64(
        R8,
        (layout.common_len + 4 * layout::EXTRAS as u32) as i16,
        R9,
    );
    a.add_imm(R7, 1);
    a.store64(R6, CTX + RECORDS, R7);
    // The next socket: the link's first word, copied with sock_common. A list never holds
    // 0 (its end is an odd marker): 0 is a socket that could not be read, and ends the bucket.
    a.load64(R1, R8, layout.nulls_node as i16);
    a.store64(R6, CTX + NODE, R1);
    a.jne_imm(R1, 0, "next");
    a.store64_imm(R6, CTX + NODE, 1);
    a.label("next");
    a.mov_imm(R0, 0);
    a.exit();
    a.label("failed");
    a.store64_imm(R6, control::FAILED as i16, 1);
    a.label("stop");
    a.mov_imm(R0, 1);
    a.exit();
    a.finish()
}

/// Code for each table, established then listener, run when the walk's TABLE (r6's state) is
/// that one: `labels` name the two entries (code falls or jumps into the first); a TABLE that
/// is neither goes to "failed". Each `body` ends with a jump of its own.
fn by_table(
    a: &mut Asm,
    layout: &Layout,
    labels: [&'static str; 2],
    body: impl Fn(&mut Asm, u64, layout::Buckets),
) {
    let tables = [
        (ESTABLISHED_TABLE, layout.ehash_bucket, labels[1]),
        (LISTENER_TABLE, layout.lhash2_bucket, "failed"),
    ];
    for (label, (table, bucket, otherwise)) in labels.into_iter().zip(tables) {
        a.label(label);
        a.load64(R1, R6, CTX + TABLE);
        a.jne_imm(R1, table as i32, otherwise);
        body(a, table, bucket);
    }
}

/// `dst` = the value of map `fd` at the key in register `key` (None: key 0), through a key
/// slot at fp - 4; to `missing` when there is none. Clobbers r0-r5.
fn map_value(a: &mut Asm, fd: i32, key: Option<u8>, dst: u8, missing: &'static str) {
    match key {
        Some(r) => a.store32(FP, -4, r),
        None => a.store32_imm(FP, -4, 0),
    }
    a.load_map(R1, fd);
    a.mov(R2, FP);
    a.add_imm(R2, -4);
    a.call(HELPER_MAP_LOOKUP_ELEM);
    a.jeq_imm(R0, 0, missing);
    a.mov(dst, R0);
}

/// Read the socket's (r9) fields `which` into their slots of the record (r8).
fn extras(a: &mut Asm, layout: &Layout, which: &[usize]) {
    for &k in which {
        a.mov(R1, R8);
        a.add_imm(R1, (layout.common_len + 4 * k as u32) as i32);
        a.mov_imm(R2, 4);
        a.mov(R3, R9);
        a.add_imm(R3, layout.extras[k] as i32);
        a.probe_read();
    }
}

/// The program's BTF: an int, a function prototype `int (void)`, and the two functions
/// (static), `walk` and `walk_step`; the func_info records then name type 3 at instruction 0
/// and type 4 at the callback.
pub fn program_btf() -> Vec<u8> {
    let strings = b"\0int\0walk\0walk_step\0";
    let mut types = Vec::new();
    let mut ty = |name_off: u32, info: u32, size_or_type: u32, extra: &[u32]| {
        for v in [name_off, info, size_or_type].iter().chain(extra) {
            types.extend_from_slice(&v.to_ne_bytes());
        }
    };
    // [1] int: INT, 4 bytes, signed, 32 bits.
    ty(1, 1 << 24, 4, &[(1 << 24) | 32]);
    // [2] int (void): FUNC_PROTO returning [1].
    ty(0, 13 << 24, 1, &[]);
    // [3] walk, [4] walk_step: FUNC (static) of [2].
    ty(5, 12 << 24, 2, &[]);
    ty(10, 12 << 24, 2, &[]);
    crate::btf::blob(&types, strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_program_btf_decodes_with_its_two_functions() {
        let blob = program_btf();
        let btf = crate::btf::Btf::parse(&blob).unwrap();
        assert_eq!(btf.size_of(1).unwrap(), 4);
        assert!(btf.struct_id("walk").is_err(), "functions are not structs");
    }

    #[test]
    fn every_jump_lands_inside_the_program_and_the_callback_follows_main() {
        let layout = crate::tcp_walk::layout::example();
        let (insns, callback) = assemble(&layout, 3, 4, 1024);
        assert!(callback > 0 && callback < insns.len());
        for (at, i) in insns.iter().enumerate() {
            let jump = i.code & 0x07 == 0x05 && i.code != 0x85 && i.code != 0x95;
            if jump {
                let target = at as i64 + 1 + i64::from(i.off);
                assert!((0..insns.len() as i64).contains(&target), "jump at {at}");
                // No jump crosses between main and the callback.
                assert_eq!(at < callback, (target as usize) < callback, "jump at {at}");
            }
        }
        let func = insns
            .iter()
            .position(|i| i.code == 0x18 && i.src == 4)
            .unwrap();
        assert_eq!(
            func as i64 + 1 + i64::from(insns[func].imm),
            callback as i64
        );
        assert_eq!(insns[0].bytes(), [0xbf, 0x16, 0, 0, 0, 0, 0, 0], "r6 = r1");
        assert_eq!(insns.last().unwrap().code, 0x95);
    }
}
