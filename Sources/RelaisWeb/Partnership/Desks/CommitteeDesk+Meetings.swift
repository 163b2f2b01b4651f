import Foundation
import RelaisCore
import RelaisPersistence
import Vapor

/// Meetings: planned in a station against the frequency rules and the station's other bookings, invitations sent
/// through the outbox (so an e-mail server down loses nothing), updates and cancellations that calendars apply.
extension CommitteeDesk {
    /// The meeting with `id` and its committee, for one who may do `action` to the committee.
    func meeting(_ id: Meeting.ID, _ action: Permission.Action = .read) async throws -> (
        meeting: CommitteeMeeting, minutes: Minutes?, committee: Committee
    ) {
        guard let found = try await store.committeeMeetings.meeting(id) else { throw Abort(.notFound) }
        let committee = try await committee(found.meeting.committeeID, action)
        return (found.meeting, found.minutes, committee)
    }

    /// Plans a meeting of `committee`.
    /// - Throws: ``MeetingRefusal/stationTaken`` when another meeting is booked in the station at that time.
    func plan(_ plan: MeetingPlan, for committee: Committee) async throws -> CommitteeMeeting {
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        return try await store.transaction { tx in
            try await tx.committees.lockStation(plan.station.number)
            let booked = try await tx.committeeMeetings.booked(station: plan.station.number, around: plan.interval)
            guard booked.isEmpty else { throw MeetingRefusal.stationTaken }
            let meeting = try await tx.committeeMeetings.plan(plan, for: committee)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMeetingPlanned, resourceType: .committeeMeeting,
                    resourceID: meeting.id.description, purpose: committee.code, requestID: requestID))
            return meeting
        }
    }

    /// Sends the invitations: to every member serving on the meeting day and to `invitees` (target
    /// organisations); they leave through the outbox in the same transaction.
    func invite(_ id: Meeting.ID, invitees: [String]) async throws -> Int {
        let (meeting, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        guard meeting.meeting.cancelledAt == nil, meeting.meeting.closedAt == nil else { throw MeetingRefusal.closed }
        let all = Array(Set(invitees.map { $0.lowercased() } + (try await store.committeeMeetings.invitees(id))))
            .sorted()
        let mails = try await messages(for: meeting, committee: committee, invitees: all)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            for mail in mails { _ = try await tx.outbox.enqueue(mail, purpose: "committee_invitation") }
            try await tx.committeeMeetings.markInvited(id, sequence: meeting.meeting.sequence, invitees: all)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeInvitationsSent, resourceType: .committeeMeeting,
                    resourceID: id.description, purpose: String(mails.count), requestID: requestID))
        }
        return mails.count
    }

    /// The invitation (or update, or cancellation) to each member serving, each invitee and each registrant.
    private func messages(for meeting: CommitteeMeeting, committee: Committee, invitees: [String]) async throws
        -> [MailMessage]
    {
        let mail = CommitteeMail(context.services)
        let station = try await store.committees.stations().first { $0.number == meeting.station }
        let day = Evening.day(of: meeting.meeting.startsAt, timeZone: timeZone)
        let invited = try await invitedMembers(to: meeting, of: committee, on: day)
        // The system opens members' addresses to send the invitations; no person reads them.
        let members = try await store.committees.members(
            invited, by: Reader(nil, for: .committeeMembers, requestID: context.requestID))
        var sent = Set<String>()
        var mails: [MailMessage] = []
        func add(_ address: String, _ language: Language) {
            guard MailAddress.isPlain(address), sent.insert(address.lowercased()).inserted else { return }
            mails.append(
                mail.invitation(meeting, committee: committee, station: station, to: address, language: language))
        }
        for member in members { add(member.identity.email, member.language) }
        for address in invitees { add(address, .french) }
        for registration in try await store.committeeMeetings.recipients(meeting.id)
        where registration.status == .registered {
            add(registration.registrant.email, registration.language)
        }
        return mails
    }

    /// The members a meeting invites: its committee's, serving that day; for the strategic committee's joint
    /// meetings, every partnership committee's members too; for its delegates' meeting, the year's delegates.
    private func invitedMembers(to meeting: CommitteeMeeting, of committee: Committee, on day: String) async throws
        -> [CommitteeMember.ID]
    {
        var committees = [committee.id]
        var members: [CommitteeMember.ID] = []
        if committee.kind == .strategic && meeting.purpose != .regular {
            let structure = try await store.committees.committees(organisations: [committee.organisationID])
            let naming = structure.filter(\.kind.namesDelegates)
            switch meeting.purpose {
            case .joint: committees += naming.map(\.id)
            case .delegates:
                let ids = Set(naming.map(\.id))
                for pair in try await store.committeeWork.pairs(year: CivilDay.year(day))
                where ids.contains(pair.committeeID) {
                    members += [pair.police, pair.civilian]
                }
            case .regular: break
            }
        }
        let seated = try await store.committees.mandates(committees: committees).filter { $0.isActive(on: day) }
        return Array(Set(seated.map(\.memberID) + members))
    }

    /// Moves a meeting; those invited get the update.
    func reschedule(_ id: Meeting.ID, to interval: DateInterval) async throws {
        let (meeting, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.committees.lockStation(meeting.station)
            let booked = try await tx.committeeMeetings.booked(station: meeting.station, around: interval)
            guard booked.allSatisfy({ $0.id == id }) else { throw MeetingRefusal.stationTaken }
            guard try await tx.committeeMeetings.reschedule(id, to: interval) else { throw MeetingRefusal.closed }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMeetingChanged, resourceType: .committeeMeeting,
                    resourceID: id.description, requestID: requestID))
        }
        try await sendChange(id)
    }

    /// Cancels a meeting; those invited and registered get the cancellation.
    func cancel(_ id: Meeting.ID) async throws {
        let (_, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            guard try await tx.meetings.cancel(id) else { throw MeetingRefusal.closed }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMeetingCancelled, resourceType: .committeeMeeting,
                    resourceID: id.description, requestID: requestID))
        }
        try await sendChange(id)
    }

    /// After a change: the update (or cancellation) to those already invited, and to registrants.
    private func sendChange(_ id: Meeting.ID) async throws {
        guard let found = try await store.committeeMeetings.meeting(id)?.meeting,
            let committee = try await store.committees.committee(found.committeeID)
        else { return }
        let invited = found.invitedSequence != nil
        let invitees = invited ? try await store.committeeMeetings.invitees(id) : []
        var mails = try await messages(for: found, committee: committee, invitees: invitees)
        if !invited {
            let registrants = Set(
                try await store.committeeMeetings.recipients(id).map { $0.registrant.email.lowercased() })
            mails = mails.filter { registrants.contains($0.to.lowercased()) }
        }
        let sequence = found.meeting.sequence
        let outgoing = mails
        try await store.transaction { tx in
            for mail in outgoing { _ = try await tx.outbox.enqueue(mail, purpose: "committee_invitation") }
            if invited { try await tx.committeeMeetings.markInvited(id, sequence: sequence, invitees: invitees) }
        }
    }

    /// Closes a meeting with its minutes.
    func record(_ minutes: Minutes, of id: Meeting.ID) async throws {
        let (meeting, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        guard meeting.meeting.cancelledAt == nil, meeting.meeting.startsAt <= context.now else {
            throw MeetingRefusal.notHeld
        }
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.committeeMeetings.saveMinutes(minutes, of: id)
            _ = try await tx.meetings.close(id)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeMinutesRecorded, resourceType: .committeeMeeting,
                    resourceID: id.description, requestID: requestID))
        }
    }

    /// Records a concern raised at a meeting.
    func raise(
        _ fields: (theme: CommitteeTheme, community: Community, borough: String?, summary: String), at id: Meeting.ID
    ) async throws {
        let (meeting, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        let concern = Concern(
            id: .init(UUID()), committeeID: committee.id, meetingID: id, theme: fields.theme,
            community: fields.community, borough: fields.borough, summary: fields.summary,
            raisedOn: Evening.day(of: meeting.meeting.startsAt, timeZone: timeZone))
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.committeeWork.raise(concern)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeConcernRaised, resourceType: .committee,
                    resourceID: committee.id.description, purpose: concern.theme.rawValue, requestID: requestID))
        }
    }

    /// Records an action decided at a meeting.
    func addAction(_ fields: (what: String, owner: String, dueOn: String), concern: Concern.ID?, at id: Meeting.ID)
        async throws
    {
        let (_, _, committee) = try await meeting(id, .update)
        try requireCoordinator(committee)
        let action = CommitteeAction(
            id: .init(UUID()), committeeID: committee.id, meetingID: id, concernID: concern, what: fields.what,
            owner: fields.owner, dueOn: fields.dueOn, status: .open, doneOn: nil)
        let actor = actor
        let requestID = context.requestID
        try await store.transaction { tx in
            try await tx.committeeWork.add(action)
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeActionSaved, resourceType: .committee,
                    resourceID: committee.id.description, purpose: "open", requestID: requestID))
        }
    }

    /// Moves an action to `status`.
    func step(_ id: CommitteeAction.ID, to status: ActionStatus) async throws -> Committee {
        guard let action = try await store.committeeWork.action(id) else { throw Abort(.notFound) }
        let committee = try await committee(action.committeeID, .update)
        try requireCoordinator(committee)
        let actor = actor
        let requestID = context.requestID
        let day = today
        try await store.transaction { tx in
            guard try await tx.committeeWork.step(id, from: action.status, to: status, on: day) else {
                throw MeetingRefusal.changed
            }
            try await tx.audit.append(
                AuditRecord(
                    actor: actor, action: .committeeActionSaved, resourceType: .committee,
                    resourceID: committee.id.description, purpose: status.rawValue, requestID: requestID))
        }
        return committee
    }
}
