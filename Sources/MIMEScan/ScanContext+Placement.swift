public import MIMEKit

/// Where a protected entity sits in the tree, when that is not where it belongs.
public struct Placement: Sendable, Hashable {
    /// Whether the entity is inside an enclosed message (`message/rfc822` and kin).
    public var isInsideEnclosedMessage: Bool
    /// Words for the evidence: the container and the siblings.
    public var description: String
}

extension ScanContext {
    /// Nil when `entity` is the message's root, or the first child of a root
    /// `multipart/signed` (encrypt-then-sign) when `allowSignedWrapper`; otherwise where it is.
    ///
    /// A multipart with no other child than the entity (a `multipart/mixed` some gateways
    /// wrap everything in) adds nothing for a reader to see, so it counts as the entity
    /// itself: the attacks need siblings, a hiding disposition or an enclosing message.
    public func misplacement(of entity: MIMEEntity, allowSignedWrapper: Bool) -> Placement? {
        var entity = entity
        while let parent = entity.parent, parent.kind == .multipart, parent.children.count == 1 {
            entity = parent
        }
        guard let parent = entity.parent else { return nil }
        if allowSignedWrapper, parent.parent == nil, parent.contentType.mimeType == "multipart/signed",
            parent.children.first?.offsets.start == entity.offsets.start
        {
            return nil
        }
        var ancestor: MIMEEntity? = parent
        while let current = ancestor {
            if current.kind == .message {
                return Placement(isInsideEnclosedMessage: true,
                                 description: "inside an enclosed \(current.contentType.mimeType) (part \(current.id))")
            }
            ancestor = current.parent
        }
        let siblings = parent.children.filter { $0.offsets.start != entity.offsets.start }
        let listed = siblings.prefix(4).map { "\($0.id) \($0.contentType.mimeType)" }.joined(separator: ", ")
        let more = siblings.count > 4 ? " and \(siblings.count - 4) more" : ""
        let with = siblings.isEmpty ? "" : " with sibling\(siblings.count == 1 ? "" : "s") \(listed)\(more)"
        return Placement(isInsideEnclosedMessage: false,
                         description: "is part \(entity.id) of a \(parent.contentType.mimeType)\(with)")
    }

    /// The text leaves outside every protected part that end before `entity` starts.
    public func cleartextLeaves(before entity: MIMEEntity) -> [MIMEEntity] {
        cleartextLeaves.filter { $0.offsets.end <= entity.offsets.start }
    }

    /// The `text/html` leaves outside every protected part.
    public var cleartextHTMLLeaves: [MIMEEntity] {
        cleartextLeaves.filter { $0.contentType.subtype == "html" }
    }
}
