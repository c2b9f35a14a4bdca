complete -c rnetstat -s I -d 'Show only this interface' -r
complete -c rnetstat -s w -d 'Every wait seconds: interface traffic (with -I, of one); with -s, the counters\' change' -r
complete -c rnetstat -s f -d 'Only this address family: inet, inet6, link, unix, vsock' -r
complete -c rnetstat -s p -d 'Only this protocol: tcp, udp, udplite, raw, icmp, icmp6, igmp, ip, ip6, sctp, ...' -r
complete -c rnetstat -s F -d 'With -r, only this routing table (number, main, local, default)' -r
complete -c rnetstat -l prometheus -d 'Print the display\'s measurements as Prometheus metrics; =file: write them to file atomically (with -w, every wait seconds)' -r -F
complete -c rnetstat -s M -d 'Read a snapshot directory (from --capture) instead of the live kernel' -r -F
complete -c rnetstat -l capture -d 'Also write the kernel\'s raw answers into dir, for -M' -r -F
complete -c rnetstat -s c -l queue -d 'With -q, only this queue: a handle (1: or 1:10) or a kind (htb) (-c but on FreeBSD)' -r
complete -c rnetstat -s j -d 'Show this network namespace: a name in /run/netns, a pid, a path, or all' -r
complete -c rnetstat -l help -d 'Print help'
complete -c rnetstat -s h -d 'With -i, -I or -w, show counts in human-readable units (1.8k, 52M)'
complete -c rnetstat -l version -d 'Print the version'
complete -c rnetstat -s r -d 'Show the routing tables'
complete -c rnetstat -s i -d 'Show the state of interfaces'
complete -c rnetstat -s g -d 'Show multicast group memberships'
complete -c rnetstat -s B -d 'Show packet taps (packet sockets, bpf peers); with -I, of one interface'
complete -c rnetstat -s q -d 'Show the send queues of the interface named with -I; twice: with classes'
complete -c rnetstat -s m -d 'Show socket memory statistics; twice: per protocol and per CPU too'
complete -c rnetstat -s s -d 'Statistics (with -g: multicast); twice: leave out zero counters'
complete -c rnetstat -s L -d 'Show the listen queues of listening sockets'
complete -c rnetstat -s A -d 'With the socket display, show each socket\'s kernel identity'
complete -c rnetstat -s v -d 'More detail; with -g also link-layer memberships'
complete -c rnetstat -s a -d 'With -r, also the kernel\'s local, broadcast and multicast routes'
complete -c rnetstat -s n -d 'Show network addresses as numbers, without looking up names'
complete -c rnetstat -s l -d 'With -r, add the Mtu column and print IPv6 addresses in full'
complete -c rnetstat -s W -d 'Never truncate addresses or names'
complete -c rnetstat -s b -d 'With -i, show bytes in and out'
complete -c rnetstat -s d -d 'With -i, show dropped packets'
complete -c rnetstat -s 4 -d 'Only IPv4: the same as -f inet (FreeBSD, ss)'
complete -c rnetstat -s 6 -d 'Only IPv6: the same as -f inet6 (FreeBSD, ss)'
complete -c rnetstat -l json -d 'Print JSON (see schema/ and rnetstat(1))'
complete -c rnetstat -s R -l reachability -d 'Show neighbour reachability (ARP, NDP); with -i -I, of one interface (-R but on FreeBSD)'
complete -c rnetstat -s S -l link-status -d 'Show the link status of the interface named with -I (-S but on FreeBSD)'
complete -c rnetstat -s x -d 'Show reachability with timers, probes and references; with -a, -A, -L, -p, -T or -C, socket buffers and TCP timers'
complete -c rnetstat -s T -d 'With the socket display, show TCP retransmits and out-of-order packets'
complete -c rnetstat -s C -d 'With the socket display, show congestion control, window, threshold, MSS and ECN'
