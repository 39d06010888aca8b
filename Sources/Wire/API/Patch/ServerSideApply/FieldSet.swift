/// A set of field paths, as a tree: the fields a manager owns (a `managedFields` entry's `fieldsV1`), the fields an
/// applied configuration names, or the fields a write changed.
///
/// A node is one path; ``isMember`` says whether that path itself is in the set (a leaf always is, an inner node
/// only when the value there is owned as a whole too: a list item, or a map an update created). Empty nodes are
/// never kept, so a node that exists holds at least one member at or under it.
public struct FieldSet: Hashable, Sendable {
    /// Whether the path that leads to this node is in the set.
    public var isMember: Bool
    /// The paths under this one, by their next element.
    public var children: [FieldPathElement: FieldSet]

    /// The empty set.
    public init() {
        isMember = false
        children = [:]
    }

    /// A node that is (or is not) a member itself, with `children`.
    public init(isMember: Bool, children: [FieldPathElement: FieldSet] = [:]) {
        self.isMember = isMember
        self.children = children
    }

    /// A set holding `paths`.
    public init(paths: [[FieldPathElement]]) {
        self.init()
        for path in paths { insert(path) }
    }

    /// No member at or under this node.
    public var isEmpty: Bool { !isMember && children.isEmpty }

    /// Adds `path` (an empty path makes this node a member).
    public mutating func insert(_ path: [FieldPathElement]) {
        insert(path[...])
    }

    private mutating func insert(_ path: ArraySlice<FieldPathElement>) {
        guard let first = path.first else {
            isMember = true
            return
        }
        children[first, default: FieldSet()].insert(path.dropFirst())
    }

    /// Whether `path` is a member.
    public func contains(_ path: [FieldPathElement]) -> Bool {
        node(at: path)?.isMember ?? false
    }

    /// Whether `path` or any path under it is a member.
    public func hasMember(atOrUnder path: [FieldPathElement]) -> Bool {
        node(at: path).map { !$0.isEmpty } ?? false
    }

    /// The node at `path`, if any member is at or under it.
    public func node(at path: [FieldPathElement]) -> FieldSet? {
        var node = self
        for element in path {
            guard let child = node.children[element] else { return nil }
            node = child
        }
        return node
    }

    /// The members of either set.
    public func union(_ other: FieldSet) -> FieldSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var result = FieldSet(isMember: isMember || other.isMember, children: children)
        for (element, child) in other.children {
            result.children[element] = result.children[element].map { $0.union(child) } ?? child
        }
        return result
    }

    /// The members of this set that are not members of `other`.
    public func subtracting(_ other: FieldSet) -> FieldSet {
        if other.isEmpty || isEmpty { return self }
        var result = FieldSet(isMember: isMember && !other.isMember)
        for (element, child) in children {
            let remaining = other.children[element].map { child.subtracting($0) } ?? child
            if !remaining.isEmpty { result.children[element] = remaining }
        }
        return result
    }

    /// The members of both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        if other.isEmpty || isEmpty { return FieldSet() }
        var result = FieldSet(isMember: isMember && other.isMember)
        for (element, child) in children {
            guard let otherChild = other.children[element] else { continue }
            let common = child.intersection(otherChild)
            if !common.isEmpty { result.children[element] = common }
        }
        return result
    }

    /// Every member path, in Kubernetes' order (a path before the paths under it; siblings sorted).
    public var paths: [[FieldPathElement]] {
        var result: [[FieldPathElement]] = []
        collect(prefix: [], into: &result)
        return result
    }

    private func collect(prefix: [FieldPathElement], into result: inout [[FieldPathElement]]) {
        if isMember, !prefix.isEmpty { result.append(prefix) }
        for element in children.keys.sorted() {
            children[element]?.collect(prefix: prefix + [element], into: &result)
        }
    }

    /// The number of member paths.
    public var count: Int {
        children.values.reduce(isMember ? 1 : 0) { $0 + $1.count }
    }
}
