/// A page of a listing asked for from outside (`page` from 1, `per_page`): the numbers are checked before any
/// arithmetic, and a page too far to reach reads as past the end instead of overflowing.
public struct Paging: Sendable, Equatable {
    /// The page asked for, from 1.
    public let number: Int
    /// How many items a page holds.
    public let size: Int

    /// Why a page cannot be asked for.
    public enum Refusal: Error, Sendable, Equatable {
        case pageNumber
        case pageSize(maximum: Int)
    }

    /// - Throws: ``Refusal`` for a page under 1 or a size outside `1...maximumSize`.
    public init(number: Int?, size: Int?, defaultSize: Int, maximumSize: Int) throws(Refusal) {
        let number = number ?? 1
        let size = size ?? defaultSize
        guard number >= 1 else { throw .pageNumber }
        guard (1...maximumSize).contains(size) else { throw .pageSize(maximum: maximumSize) }
        self.number = number
        self.size = size
    }

    /// How many items come before the page; `Int.max` when that many cannot exist (every engine then answers
    /// nothing).
    public var offset: Int {
        let (skipped, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        return overflow ? .max : skipped
    }

    /// How many pages `total` items fill (at least one, which may be empty).
    public func pageCount(total: Int) -> Int {
        max(1, total / size + (total % size == 0 ? 0 : 1))
    }
}
