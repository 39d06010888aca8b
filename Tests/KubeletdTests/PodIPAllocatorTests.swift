import Testing

@testable import Kubeletd

@Suite("PodIPAllocator")
struct PodIPAllocatorTests {
    @Test("a /24 hands out .2 … .254, lowest first, then runs out")
    func handsOutRange() throws {
        var allocator = try PodIPAllocator(podCIDR: "10.244.1.0/24")
        #expect(allocator.capacity == 253)
        #expect(allocator.allocate() == "10.244.1.2")
        #expect(allocator.allocate() == "10.244.1.3")
        var last: String?
        for _ in 0..<251 { last = allocator.allocate() }
        #expect(last == "10.244.1.254")
        #expect(allocator.allocatedCount == 253)
        #expect(allocator.allocate() == nil)
    }

    @Test("a released IP is handed out again")
    func releaseAndReuse() throws {
        var allocator = try PodIPAllocator(podCIDR: "10.244.1.0/24")
        let first = allocator.allocate()
        let second = allocator.allocate()
        #expect(second == "10.244.1.3")
        allocator.release("10.244.1.2")
        #expect(allocator.allocate() == first)
        #expect(allocator.allocate() == "10.244.1.4")
        allocator.releaseAll()
        #expect(allocator.allocatedCount == 0)
        #expect(allocator.allocate() == "10.244.1.2")
    }

    @Test("reserve keeps a pod's existing IP; outside the range or taken is refused")
    func reserve() throws {
        var allocator = try PodIPAllocator(podCIDR: "10.244.2.0/24")
        let results = ["10.244.2.2", "10.244.2.2", "10.244.1.9", "10.244.2.1", "10.244.2.255"].map {
            allocator.reserve($0)
        }
        #expect(results == [true, false, false, false, false])
        #expect(allocator.allocate() == "10.244.2.3")
    }

    @Test("the network address is derived from any address in the prefix")
    func hostBitsIgnored() throws {
        var allocator = try PodIPAllocator(podCIDR: "10.244.3.77/24")
        #expect(allocator.allocate() == "10.244.3.2")
        var small = try PodIPAllocator(podCIDR: "192.168.0.8/30")
        #expect(small.capacity == 1)
        #expect(small.allocate() == "192.168.0.10")
        #expect(small.allocate() == nil)
    }

    @Test(
        "invalid CIDRs are refused",
        arguments: ["", "10.244.1.0", "10.244.1.0/33", "10.244.1/24", "a.b.c.d/24", "10.244.1.0/31"])
    func invalid(cidr: String) {
        #expect(throws: PodIPAllocator.InvalidCIDR.self) { try PodIPAllocator(podCIDR: cidr) }
    }
}
