extension RiskTaxonomy {
    /// Relais's default list, modelled on the categories the provincial tracking database publishes; it is not the
    /// province's official list, and a table loads its own (`relais table taxonomy import`) when it has one.
    public static let relaisDefault: RiskTaxonomy = {
        do { return try parse(csv: defaultCSV, version: "relais-default-1") } catch {
            preconditionFailure("the default taxonomy is valid: \(error)")
        }
    }()

    /// The default list as CSV.
    static let defaultCSV = """
        category_code,category_fr,category_en,factor_code,factor_fr,factor_en
        mental_health,Santé mentale,Mental health,mental_health.diagnosed,Problème de santé mentale diagnostiqué,Diagnosed mental health problem
        mental_health,Santé mentale,Mental health,mental_health.suspected,Problème de santé mentale soupçonné,Suspected mental health problem
        mental_health,Santé mentale,Mental health,mental_health.not_following_treatment,Ne suit pas son traitement,Not following treatment
        criminal_involvement,Implication criminelle,Criminal involvement,criminal_involvement.offender,Auteur présumé d'infractions,Alleged offender
        criminal_involvement,Implication criminelle,Criminal involvement,criminal_involvement.breach,Manquement aux conditions,Breach of conditions
        criminal_involvement,Implication criminelle,Criminal involvement,criminal_involvement.recent_release,Sortie récente de détention,Recent release from custody
        drugs,Drogues,Drugs,drugs.use,Consommation de drogues,Drug use
        drugs,Drogues,Drugs,drugs.abuse,Abus de drogues,Drug abuse
        drugs,Drogues,Drugs,drugs.overdose,Surdose récente,Recent overdose
        alcohol,Alcool,Alcohol,alcohol.use,Consommation d'alcool,Alcohol use
        alcohol,Alcool,Alcohol,alcohol.abuse,Abus d'alcool,Alcohol abuse
        alcohol,Alcool,Alcohol,alcohol.chronic_intoxication,Intoxication chronique en public,Chronic public intoxication
        housing,Logement,Housing,housing.homeless,Sans logement,Homeless
        housing,Logement,Housing,housing.eviction,Expulsion imminente,Imminent eviction
        housing,Logement,Housing,housing.unsafe,Logement insalubre ou dangereux,Unsafe or unsanitary housing
        housing,Logement,Housing,housing.transient,Hébergement instable,Transient housing
        antisocial_behaviour,Comportement antisocial ou négatif,Antisocial/negative behaviour,antisocial_behaviour.threats,Menaces,Threats
        antisocial_behaviour,Comportement antisocial ou négatif,Antisocial/negative behaviour,antisocial_behaviour.aggression,Comportement agressif,Aggressive behaviour
        antisocial_behaviour,Comportement antisocial ou négatif,Antisocial/negative behaviour,antisocial_behaviour.nuisance,Nuisances répétées,Repeated nuisance
        negative_peers,Pairs négatifs,Negative peers,negative_peers.associates,Fréquente des pairs délinquants,Associates with offending peers
        negative_peers,Pairs négatifs,Negative peers,negative_peers.exploitation,Exploité par des pairs,Exploited by peers
        basic_needs,Besoins de base,Basic needs,basic_needs.food,Insécurité alimentaire,Food insecurity
        basic_needs,Besoins de base,Basic needs,basic_needs.hygiene,Hygiène négligée,Neglected hygiene
        basic_needs,Besoins de base,Basic needs,basic_needs.clothing,Vêtements inadéquats,Inadequate clothing
        crime_victimization,Victimisation criminelle,Crime victimization,crime_victimization.assault,Victime de voies de fait,Assault victim
        crime_victimization,Victimisation criminelle,Crime victimization,crime_victimization.theft,Victime de vol,Theft victim
        crime_victimization,Victimisation criminelle,Crime victimization,crime_victimization.fraud,Victime de fraude,Fraud victim
        physical_violence,Violence physique,Physical violence,physical_violence.victim,Victime de violence physique,Victim of physical violence
        physical_violence,Violence physique,Physical violence,physical_violence.perpetrator,Auteur de violence physique,Perpetrator of physical violence
        physical_violence,Violence physique,Physical violence,physical_violence.family,Violence familiale,Family violence
        emotional_violence,Violence psychologique,Emotional violence,emotional_violence.victim,Victime de violence psychologique,Victim of emotional violence
        emotional_violence,Violence psychologique,Emotional violence,emotional_violence.perpetrator,Auteur de violence psychologique,Perpetrator of emotional violence
        sexual_violence,Violence sexuelle,Sexual violence,sexual_violence.victim,Victime de violence sexuelle,Victim of sexual violence
        sexual_violence,Violence sexuelle,Sexual violence,sexual_violence.perpetrator,Auteur de violence sexuelle,Perpetrator of sexual violence
        sexual_violence,Violence sexuelle,Sexual violence,sexual_violence.exploitation,Exploitation sexuelle,Sexual exploitation
        self_harm,Automutilation,Self-harm,self_harm.recent,Automutilation récente,Recent self-harm
        self_harm,Automutilation,Self-harm,self_harm.history,Antécédents d'automutilation,History of self-harm
        suicide,Suicide,Suicide,suicide.ideation,Idées suicidaires,Suicidal ideation
        suicide,Suicide,Suicide,suicide.attempt,Tentative récente,Recent attempt
        suicide,Suicide,Suicide,suicide.bereavement,Deuil par suicide,Bereavement by suicide
        missing_runaway,Disparition ou fugue,Missing/runaway,missing_runaway.runaway,Fugues répétées,Repeated runaway
        missing_runaway,Disparition ou fugue,Missing/runaway,missing_runaway.missing,Personne disparue,Missing person
        missing_school,Absentéisme scolaire,Missing school,missing_school.chronic_absence,Absences chroniques,Chronic absence
        missing_school,Absentéisme scolaire,Missing school,missing_school.suspension,Suspension ou expulsion,Suspension or expulsion
        missing_school,Absentéisme scolaire,Missing school,missing_school.dropout,Décrochage,Dropped out
        parenting,Compétences parentales,Parenting,parenting.conflict,Conflit parent-enfant,Parent-child conflict
        parenting,Compétences parentales,Parenting,parenting.capacity,Capacité parentale limitée,Limited parenting capacity
        supervision,Supervision,Supervision,supervision.inadequate,Supervision inadéquate d'un enfant,Inadequate child supervision
        supervision,Supervision,Supervision,supervision.unsupervised_youth,Jeune sans supervision la nuit,Youth unsupervised at night
        poverty,Pauvreté,Poverty,poverty.income,Revenu insuffisant,Insufficient income
        poverty,Pauvreté,Poverty,poverty.debt,Endettement grave,Serious debt
        unemployment,Chômage,Unemployment,unemployment.unemployed,Sans emploi,Unemployed
        unemployment,Chômage,Unemployment,unemployment.job_loss,Perte d'emploi récente,Recent job loss
        physical_health,Santé physique,Physical health,physical_health.chronic_illness,Maladie chronique non soignée,Untreated chronic illness
        physical_health,Santé physique,Physical health,physical_health.injury,Blessure,Injury
        physical_health,Santé physique,Physical health,physical_health.mobility,Mobilité réduite,Reduced mobility
        cognitive_functioning,Fonctionnement cognitif,Cognitive functioning,cognitive_functioning.developmental_disability,Déficience intellectuelle,Developmental disability
        cognitive_functioning,Fonctionnement cognitif,Cognitive functioning,cognitive_functioning.brain_injury,Lésion cérébrale acquise,Acquired brain injury
        cognitive_functioning,Fonctionnement cognitif,Cognitive functioning,cognitive_functioning.dementia,Troubles neurocognitifs,Dementia
        social_environment,Environnement social,Social environment,social_environment.isolation,Isolement social,Social isolation
        social_environment,Environnement social,Social environment,social_environment.neighbour_conflict,Conflit de voisinage,Neighbour conflict
        social_environment,Environnement social,Social environment,social_environment.discrimination,Discrimination,Discrimination
        gangs,Gangs,Gangs,gangs.member,Membre d'un gang,Gang member
        gangs,Gangs,Gangs,gangs.associate,Lié à un gang,Gang associate
        gangs,Gangs,Gangs,gangs.recruitment,Recrutement par un gang,Gang recruitment
        elderly_abuse,Maltraitance des aînés,Elderly abuse,elderly_abuse.financial,Abus financier,Financial abuse
        elderly_abuse,Maltraitance des aînés,Elderly abuse,elderly_abuse.neglect,Négligence,Neglect
        elderly_abuse,Maltraitance des aînés,Elderly abuse,elderly_abuse.physical,Maltraitance physique,Physical abuse
        public_health_safety,Menace à la santé et à la sécurité publiques,Threat to public health and safety,public_health_safety.hoarding,Accumulation compulsive,Hoarding
        public_health_safety,Menace à la santé et à la sécurité publiques,Threat to public health and safety,public_health_safety.fire_risk,Risque d'incendie,Fire risk
        public_health_safety,Menace à la santé et à la sécurité publiques,Threat to public health and safety,public_health_safety.weapons,Armes,Weapons
        """
}
