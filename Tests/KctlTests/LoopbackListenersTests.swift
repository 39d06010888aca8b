import Testing

@testable import kctl

/// Subnets taken by listeners on this machine, from `/proc/net/tcp`'s text.
struct LoopbackListenersTests {
    @Test func listenersOnNodeAddresses_markTheirSubnets() {
        let text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 143 1 0 100 0 0 10 0
               1: 0301007F:280A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 215974 1 0 100 0 0 10 0
               2: 0107007F:280A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 215975 1 0 100 0 0 10 0
               3: 0100007F:1A0B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 215976 1 0 100 0 0 10 0
               4: 0209007F:9C40 0100007F:1A0B 01 00000000:00000000 00:00000000 00000000     0        0 215977 1 0 100 0 0 10 0
            """
        // 127.0.1.3 and 127.0.7.1 listen; 127.0.0.1 is not a cluster subnet; 127.0.9.2 only has a connection.
        #expect(LoopbackListeners.subnets(fromProcNetTCP: text) == [1, 7])
    }

    @Test func noFileOrGarbage_takesNothing() {
        #expect(LoopbackListeners.subnets(fromProcNetTCP: "") == [])
        #expect(LoopbackListeners.subnets(fromProcNetTCP: "header\nnot a row\n") == [])
        #expect(LoopbackListeners.subnetsInUse(procNetTCP: "/nonexistent/tcp") == [])
    }
}
