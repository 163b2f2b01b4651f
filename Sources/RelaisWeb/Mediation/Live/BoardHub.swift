import Foundation
import Logging
import NIOConcurrencyHelpers
import RelaisCore
import RelaisPersistence
import Vapor

/// The open live boards of this process, by organisation, and the snapshots pushed to them.
///
/// A change is announced with ``refresh(_:)``; the hub builds the organisation's snapshot once and sends it to
/// every board of that organisation. Announcements that arrive while a snapshot is being built are merged into
/// one more build, so a burst of changes costs two builds, not one per change.
actor BoardHub {
    private final class Connection: Sendable {
        let socket: WebSocket
        init(_ socket: WebSocket) { self.socket = socket }
    }

    private var boards: [Organisation.ID: [ObjectIdentifier: Connection]] = [:]
    private var building: Set<Organisation.ID> = []
    private var pending: Set<Organisation.ID> = []
    private var sequence = 0
    private let snapshot: @Sendable (Organisation.ID) async throws -> BoardSnapshot
    private let logger: Logger

    init(logger: Logger, snapshot: @escaping @Sendable (Organisation.ID) async throws -> BoardSnapshot) {
        self.logger = logger
        self.snapshot = snapshot
    }

    /// How many boards are open.
    var count: Int { boards.values.reduce(0) { $0 + $1.count } }

    /// Adds a board and sends it the current snapshot (a board that reconnects catches up this way).
    func add(_ socket: WebSocket, organisationID: Organisation.ID) async {
        let connection = Connection(socket)
        boards[organisationID, default: [:]][ObjectIdentifier(connection)] = connection
        socket.onClose.whenComplete { [weak self] _ in
            Task { await self?.remove(connection, organisationID: organisationID) }
        }
        if let text = try? await encoded(organisationID) { try? await socket.send(text) }
    }

    /// Announces that the organisation's board changed.
    func refresh(_ organisationID: Organisation.ID) async {
        guard boards[organisationID]?.isEmpty == false else { return }
        if building.contains(organisationID) {
            pending.insert(organisationID)
            return
        }
        building.insert(organisationID)
        defer { building.remove(organisationID) }
        repeat {
            pending.remove(organisationID)
            do {
                let text = try await encoded(organisationID)
                for connection in boards[organisationID]?.values ?? [:].values {
                    connection.socket.send(text, promise: nil)
                }
            } catch {
                logger.error("board snapshot failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
        } while pending.contains(organisationID)
    }

    /// Refreshes every organisation with open boards (after a lost notice connection comes back).
    func refreshAll() async {
        for organisationID in Array(boards.keys) { await refresh(organisationID) }
    }

    /// Closes every board (at shutdown).
    func closeAll() async {
        for connection in boards.values.flatMap(\.values) { try? await connection.socket.close() }
        boards = [:]
    }

    private func remove(_ connection: Connection, organisationID: Organisation.ID) {
        boards[organisationID]?[ObjectIdentifier(connection)] = nil
        if boards[organisationID]?.isEmpty == true { boards[organisationID] = nil }
    }

    private func encoded(_ organisationID: Organisation.ID) async throws -> String {
        sequence += 1
        let message = BoardMessage(sequence: sequence, board: try await snapshot(organisationID))
        return String(decoding: try JSONEncoder.board.encode(message), as: UTF8.self)
    }
}

/// What a board receives: the whole snapshot, numbered.
struct BoardMessage: Encodable {
    let type = "board"
    let sequence: Int
    let board: BoardSnapshot
}

extension JSONEncoder {
    /// Dates as ISO 8601, as everywhere in the API.
    static let board: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}
