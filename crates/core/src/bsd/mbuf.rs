//! BSD network memory statistics (`netstat -m` on FreeBSD and macOS): the allocator's pools of
//! mbufs and clusters as the kernel reports them, and the figures netstat derives from them.
//!
//! FreeBSD keeps mbufs and clusters in UMA zones ([`ZoneMbufs`]); macOS in mbuf classes with
//! the legacy `struct mbstat` beside them ([`ClassMbufs`]). The arithmetic of each system's
//! netstat lives in the methods here, so every display (text and JSON) shows the same figures.

/// The memory statistics of one system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MbufStats {
    /// FreeBSD: UMA zones and sendfile counters.
    FreeBsd(Box<ZoneMbufs>),
    /// macOS: mbuf classes and the legacy mbstat.
    MacOs(ClassMbufs),
}

/// One UMA zone as libmemstat(3) sums it up from `vm.zone_stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Zone {
    /// Zone name (`mbuf`, `mbuf_cluster`, ...).
    pub name: String,
    /// Item size in bytes (uth_size).
    pub size: u64,
    /// Items allocated and not freed: all allocations minus all frees (zone and per-CPU).
    pub count: u64,
    /// Free items held by the zone: per-CPU caches, zone buckets and (primary zones) the keg.
    pub free: u64,
    /// Item limit (uth_limit), 0 for none.
    pub limit: u64,
    /// Allocations that failed (uth_fails).
    pub failures: u64,
    /// Allocations that had to sleep (uth_sleeps).
    pub sleeps: u64,
}

impl Zone {
    /// Bytes of the items in use: `count * size`.
    pub fn bytes(&self) -> u64 {
        self.count.wrapping_mul(self.size)
    }
}

/// FreeBSD `sendfile(2)` counters (`kern.ipc.sfstat`, struct sfstat), in the kernel's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sendfile {
    /// sf_syscalls.
    pub syscalls: u64,
    /// sf_noiocnt.
    pub no_io: u64,
    /// sf_iocnt.
    pub io: u64,
    /// sf_pages_read.
    pub pages_read: u64,
    /// sf_pages_valid.
    pub pages_valid: u64,
    /// sf_rhpages_requested.
    pub readahead_requested: u64,
    /// sf_rhpages_read.
    pub readahead_read: u64,
    /// sf_busy.
    pub busy: u64,
    /// sf_allocfail.
    pub alloc_failed: u64,
    /// sf_allocwait.
    pub alloc_waited: u64,
    /// sf_pages_bogus.
    pub pages_bogus: u64,
}

/// In use, cached, their sum and the limit of one kind of buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pool {
    /// Buffers in use.
    pub current: u64,
    /// Free buffers kept by the allocator.
    pub cache: u64,
    /// current + cache.
    pub total: u64,
    /// The limit, where netstat prints one.
    pub max: Option<u64>,
}

/// FreeBSD: the mbuf zones (names as in sys/mbuf.h's MBUF_*_MEM_NAME).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneMbufs {
    /// `mbuf`.
    pub mbuf: Zone,
    /// `mbuf_cluster`.
    pub cluster: Zone,
    /// `mbuf_packet`: mbufs with a cluster attached, a cache zone over the two above.
    pub packet: Zone,
    /// `mbuf_jumbo_page`: page-size clusters.
    pub jumbo_page: Zone,
    /// `mbuf_jumbo_9k`.
    pub jumbo_9k: Zone,
    /// `mbuf_jumbo_16k`.
    pub jumbo_16k: Zone,
    /// Bytes of m_tag memory (malloc type `mbuf_tag`), when known.
    pub tag_bytes: Option<u64>,
    /// sendfile counters, when the kernel has them.
    pub sendfile: Option<Sendfile>,
}

/// The three byte figures of FreeBSD's "bytes allocated to network" line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bytes {
    /// In use.
    pub current: u64,
    /// Cached.
    pub cache: u64,
    /// current + cache.
    pub total: u64,
}

impl ZoneMbufs {
    /// mbufs: plain ones plus those of packets (`mbuf` + `mbuf_packet`).
    pub fn mbufs(&self) -> Pool {
        let current = self.mbuf.count.wrapping_add(self.packet.count);
        let cache = self.mbuf.free.wrapping_add(self.packet.free);
        Pool {
            current,
            cache,
            total: current.wrapping_add(cache),
            max: None,
        }
    }

    /// Clusters: the cluster zone's items, of which those sitting in cached packets count as
    /// cache, not as in use.
    pub fn clusters(&self) -> Pool {
        Pool {
            current: self.cluster.count.saturating_sub(self.packet.free),
            cache: self.cluster.free.wrapping_add(self.packet.free),
            total: self.cluster.count.wrapping_add(self.cluster.free),
            max: Some(self.cluster.limit),
        }
    }

    /// A jumbo zone's figures.
    pub fn jumbo(zone: &Zone) -> Pool {
        Pool {
            current: zone.count,
            cache: zone.free,
            total: zone.count.wrapping_add(zone.free),
            max: Some(zone.limit),
        }
    }

    /// Bytes in use, cached and in all, as netstat adds them up: in use are the mbufs (plain
    /// and in packets), the clusters of packets, the other clusters not cached in packets, the
    /// m_tag memory and the jumbo clusters; cached are the free mbufs, the mbufs and clusters
    /// of cached packets, the free clusters and free jumbo clusters. Sums wrap like
    /// netstat's unsigned integers; a difference that would go below zero is 0.
    pub fn bytes(&self) -> Bytes {
        let (m, c, p) = (&self.mbuf, &self.cluster, &self.packet);
        let jumbos = [&self.jumbo_page, &self.jumbo_9k, &self.jumbo_16k];
        let other_clusters = c.count.saturating_sub(p.count.wrapping_add(p.free));
        let sum = |parts: &[u64]| parts.iter().fold(0u64, |a, b| a.wrapping_add(*b));
        let times = |n: u64, size: u64| n.wrapping_mul(size);
        let current = sum(&[
            m.bytes(),
            p.bytes(),
            times(p.count, c.size),
            times(other_clusters, c.size),
            self.tag_bytes.unwrap_or(0),
            jumbos[0].bytes(),
            jumbos[1].bytes(),
            jumbos[2].bytes(),
        ]);
        let cache = sum(&[
            times(m.free, m.size),
            times(p.free, m.size),
            times(p.free, c.size),
            times(c.free, c.size),
            times(jumbos[0].free, jumbos[0].size),
            times(jumbos[1].free, jumbos[1].size),
            times(jumbos[2].free, jumbos[2].size),
        ]);
        Bytes {
            current,
            cache,
            total: current.wrapping_add(cache),
        }
    }
}

/// macOS: one mbuf class of `kern.ipc.mb_stat` (struct mb_class_stat).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MbufClass {
    /// Class name (`mbuf`, `cl`, `bigcl`, `16kcl`, `mbuf_cl`, ...).
    pub name: String,
    /// Buffer size in bytes.
    pub size: u32,
    /// Buffers created.
    pub total: u32,
    /// Buffers in use.
    pub active: u32,
    /// Free buffers not in a cache.
    pub infree: u32,
    /// Slabs available.
    pub slab_cnt: u32,
    /// Allocations.
    pub alloc_cnt: u64,
    /// Frees.
    pub free_cnt: u64,
    /// Wakeups notified.
    pub notified: u64,
    /// Cache purges.
    pub purge_cnt: u64,
    /// Failed allocations.
    pub fail_cnt: u64,
    /// Buffers of this class alone (composite classes' ones deducted).
    pub ctotal: u32,
    /// Bytes returned to the system.
    pub release_cnt: u32,
    /// Cache state (MCS_*: 0 disabled, 1 online, 2 purging, 3 offline).
    pub mc_state: u32,
    /// Buffers in the cache.
    pub mc_cached: u32,
    /// Waiters on the cache.
    pub mc_waiter_cnt: u32,
    /// Wait retries.
    pub mc_wretry_cnt: u32,
    /// No-wait retries.
    pub mc_nwretry_cnt: u32,
}

impl MbufClass {
    /// Memory of this class alone, `ctotal * size` in 32 bits as netstat computes it.
    pub fn memory(&self) -> u32 {
        self.ctotal.wrapping_mul(self.size)
    }

    /// Free bytes: cached and uncached buffers times the size (32-bit, as netstat).
    pub fn free_bytes(&self) -> u32 {
        self.mc_cached
            .wrapping_add(self.infree)
            .wrapping_mul(self.size)
    }

    /// The cache state as netstat -mm names it.
    pub fn state_name(&self) -> &'static str {
        match self.mc_state {
            0 => "dis",
            1 => "on",
            2 => "purge",
            3 => "off",
            _ => "?",
        }
    }
}

/// macOS mbuf type numbers (MT_*) and netstat's names for them, in netstat's order.
pub const MBUF_TYPES: &[(usize, &str)] = &[
    (1, "data"),
    (15, "oob data"),
    (14, "ancillary data"),
    (2, "packet headers"),
    (3, "socket structures"),
    (4, "protocol control blocks"),
    (5, "routing table entries"),
    (6, "IMP host table entries"),
    (7, "address resolution tables"),
    (11, "fragment reassembly queue headers"),
    (8, "socket names and addresses"),
    (10, "socket options"),
    (12, "access rights"),
    (13, "interface addresses"),
    (16, "packet tags"),
];

/// macOS: the counters of one kind of mbuf tag (`kern.ipc.mb_tag_stats`, struct m_tag_stats).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MbufTag {
    /// The tag's module id (mts_id; KERNEL_MODULE_TAG_ID = 0 for the kernel's own).
    pub id: u32,
    /// The tag type (mts_type), an index into [`MBUF_TAG_TYPES`].
    pub kind: u16,
    /// Bytes of a tag of this type.
    pub len: u16,
    /// Tags allocated.
    pub allocs: u64,
    /// Allocations that failed.
    pub failed: u64,
    /// Tags freed.
    pub frees: u64,
}

/// netstat's names of the kernel's mbuf tag types, by type number (xnu's KERNEL_TAG_TYPE_*).
pub const MBUF_TAG_TYPES: &[&str] = &[
    "other", "dummynet", "ipfilt", "encap", "inet6", "ipsec", "cfil_udp", "pf_reass", "aqm",
    "drvaux",
];

impl MbufTag {
    /// The type as netstat -mmm labels it: `name (number)`, or `number (number)` for a type
    /// without a name.
    pub fn label(&self) -> String {
        match MBUF_TAG_TYPES.get(usize::from(self.kind)) {
            Some(name) => format!("{name} ({})", self.kind),
            None => format!("{} ({})", self.kind, self.kind),
        }
    }
}

/// macOS: `kern.ipc.mbstat` (struct mbstat) and `kern.ipc.mb_stat` (the classes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassMbufs {
    /// m_msize: the size of an mbuf.
    pub msize: u32,
    /// m_mclbytes: the size of a cluster.
    pub mclbytes: u32,
    /// m_bigmclbytes: the size of a big cluster.
    pub bigmclbytes: u32,
    /// `kern.ipc.njclbytes`: the size of a jumbo cluster (0 when unknown).
    pub njclbytes: u32,
    /// m_clusters: 2 KB clusters.
    pub clusters: u32,
    /// m_bigclusters: 4 KB clusters.
    pub bigclusters: u32,
    /// m_drops: requests for memory denied.
    pub drops: u32,
    /// m_wait: requests for memory delayed.
    pub wait: u32,
    /// m_drain: calls to drain routines.
    pub drain: u32,
    /// m_mtypes: mbufs per type (256 entries).
    pub mtypes: Vec<u16>,
    /// The classes in kernel order.
    pub classes: Vec<MbufClass>,
    /// The mbuf tag counters, by type (empty when the kernel has none).
    pub tags: Vec<MbufTag>,
}

/// One cluster line of macOS netstat -m: in use out of `total` buffers of `size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterUse {
    /// Cluster size in bytes.
    pub size: u32,
    /// In use (32-bit difference, as netstat prints it).
    pub in_use: u32,
    /// Created.
    pub total: u32,
}

impl ClassMbufs {
    fn class_of(&self, size: u32) -> Option<&MbufClass> {
        self.classes.iter().find(|c| c.size == size)
    }

    /// Free buffers (total - active) of the class of `size` plus those of its composite class
    /// (an mbuf with such a cluster attached).
    fn cluster_free(&self, size: u32) -> u32 {
        let free = |s: u32| {
            self.class_of(s)
                .map_or(0, |c| c.total.wrapping_sub(c.active))
        };
        free(size).wrapping_add(free(self.msize.wrapping_add(size)))
    }

    /// mbufs in use (active buffers of the mbuf-sized class).
    pub fn active_mbufs(&self) -> u32 {
        self.class_of(self.msize).map_or(0, |c| c.active)
    }

    /// The mbufs of each type netstat names, then those of other types (but MT_FREE) as
    /// `(type, name, count)`, without the zero ones.
    pub fn types(&self) -> Vec<(usize, Option<&'static str>, u16)> {
        let get = |t: usize| self.mtypes.get(t).copied().unwrap_or(0);
        let mut out: Vec<_> = MBUF_TYPES
            .iter()
            .filter(|(t, _)| get(*t) != 0)
            .map(|&(t, name)| (t, Some(name), get(t)))
            .collect();
        for t in 1..self.mtypes.len() {
            if get(t) != 0 && !MBUF_TYPES.iter().any(|(k, _)| *k == t) {
                out.push((t, None, get(t)));
            }
        }
        out
    }

    /// mbufs of the named types, at most the active mbufs (the kernel's two counts are not
    /// updated together), and the active mbufs.
    pub fn mbufs_in_use(&self) -> (u64, u32) {
        let named: u64 = MBUF_TYPES
            .iter()
            .map(|(t, _)| u64::from(self.mtypes.get(*t).copied().unwrap_or(0)))
            .sum();
        let active = self.active_mbufs();
        (named.min(u64::from(active)), active)
    }

    /// The 2 KB, 4 KB and jumbo cluster lines.
    pub fn cluster_lines(&self) -> [ClusterUse; 3] {
        let jumbo_total = self
            .class_of(self.njclbytes)
            .filter(|_| self.njclbytes != 0)
            .map_or(0, |c| c.total);
        let jumbo_free = if self.njclbytes == 0 {
            0
        } else {
            self.cluster_free(self.njclbytes)
        };
        [
            ClusterUse {
                size: self.mclbytes,
                in_use: self.clusters.wrapping_sub(self.cluster_free(self.mclbytes)),
                total: self.clusters,
            },
            ClusterUse {
                size: self.bigmclbytes,
                in_use: self
                    .bigclusters
                    .wrapping_sub(self.cluster_free(self.bigmclbytes)),
                total: self.bigclusters,
            },
            ClusterUse {
                size: self.njclbytes,
                in_use: jumbo_total.wrapping_sub(jumbo_free),
                total: jumbo_total,
            },
        ]
    }

    /// Bytes allocated to the network (each class's own buffers), of them free, and returned
    /// to the system.
    pub fn memory(&self) -> (u64, u64, u64) {
        let mut total = 0u64;
        let mut free = 0u64;
        let mut returned = 0u64;
        for c in &self.classes {
            total = total.wrapping_add(u64::from(c.memory()));
            free = free.wrapping_add(u64::from(c.free_bytes()));
            returned = returned.wrapping_add(u64::from(c.release_cnt));
        }
        (total, free, returned)
    }

    /// The share of the allocated memory in use, in percent (0 when nothing is allocated).
    pub fn in_use_percent(&self) -> f64 {
        let (total, free, _) = self.memory();
        if total == 0 {
            return 0.0;
        }
        total.wrapping_sub(free) as f64 * 100.0 / total as f64
    }
}
