"""Every statement of the guide is in the data, checked statement by statement through SPARQL.

The guide (``../shared/sources/how-to-become-a-medical-assistant.txt`` beside the checkout, or the copy named by
``CAREERPATH_GUIDE``) is split into statements: each line, and each sentence of a line. Every
statement is a heading, is excused with a reason (site navigation, promotion), or starts with a
key of ``COVERAGE`` whose SPARQL pattern must hold on the shipped data. Soft statements (traits,
what drives demand, what settings are like) are checked through the comments the data gives
them; statements a later source corrects are checked as claims of the guide that are not current.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from .conftest import PREFIXES, D

_NAME = "shared/sources/how-to-become-a-medical-assistant.txt"
_PLACES = [os.environ.get("CAREERPATH_GUIDE")] if os.environ.get("CAREERPATH_GUIDE") else []
_PLACES += [str(Path(__file__).resolve().parents[2] / _NAME), "/work/" + _NAME]  # beside the checkout, or /work
GUIDE = next((Path(p) for p in _PLACES if Path(p).is_file()), Path(_PLACES[0]))
if not GUIDE.is_file():  # pragma: no cover - depends on the machine
    pytest.skip(f"the guide is not at {' or '.join(_PLACES)} (set CAREERPATH_GUIDE)", allow_module_level=True)

MORE_PREFIXES = "".join(
    f"PREFIX {p}: <{D}{path}/>\n"
    for p, path in {
        "step": "step",
        "grp": "group",
        "cred": "credential",
        "prog": "program",
        "path": "pathway",
        "spec": "specialty",
        "skill": "skill",
        "duty": "duty",
        "benefit": "benefit",
        "misc": "misc",
        "dis": "disagreement",
        "claim": "claim",
    }.items()
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip()


def statements() -> list[tuple[int, str, bool]]:
    """(line number, statement, is_heading) for every statement of the guide."""
    found = []
    for number, raw in enumerate(GUIDE.read_text(encoding="utf-8").splitlines(), start=1):
        line = _norm(raw)
        if not line:
            continue
        bullet = line.startswith("\u2022")
        line = line.lstrip("\u2022 ").strip()
        parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", line) if p.strip()]
        heading = not bullet and len(parts) == 1 and not line.endswith((".", ":")) and len(line.split()) <= 10
        found.extend((number, part, heading) for part in parts)
    return found


def said(entity: str, phrase: str) -> str:
    """Pattern: the entity's comment says ``phrase`` (case-insensitive)."""
    return f"{entity} rdfs:comment ?c . FILTER(CONTAINS(LCASE(STR(?c)), {json.dumps(phrase.lower())}))"


def labelled(entity: str, label: str) -> str:
    return f"{entity} rdfs:label ?l . FILTER(LCASE(STR(?l)) = {json.dumps(label.lower())})"


def skill(kind: str, label: str) -> str:
    return f"role:medical-assistant cp:requiresSkill ?s . ?s cp:skillKind kind:{kind} . " + labelled("?s", label)


def duty(kind: str, label: str) -> str:
    return f"role:medical-assistant cp:hasDuty ?d . ?d cp:dutyKind kind:{kind}-duty . " + labelled("?d", label)


def number(subject_path: str, value: float) -> str:
    return f"{subject_path} ?v . FILTER(?v = {value})"


def by(cert: str, abbreviation: str) -> str:
    return f'{cert} cp:administeredBy ?o . ?o cp:abbreviation "{abbreviation}"'


MA = "role:medical-assistant"
S1, S2, S3, S4, S5 = (f"path:medical-assistant-{n}" for n in range(1, 6))

# Statements that carry no fact about the career, and why.
EXCUSED = {
    "The independent, trusted guide to online education": "the publisher's tagline",
    "We also cover other vital information": "the article describing itself",
    "You can find the details for each certification below.": "navigation",
    "Let's look at some of the benefits": "navigation",
    "There is no better time than now": "promotion",
    "You can also visit our educational resource center": "site navigation",
}

# statement start -> SPARQL graph pattern that must hold
COVERAGE = {
    # ------------------------------------------------ introduction, who
    "Many people dream of working in healthcare": said("path:medical-assistant", "lengthy, rigorous process"),
    "The primary barriers are": said("path:medical-assistant", "financial investment and years of residencies"),
    "However, there are other exciting options": "path:medical-assistant cp:leadsTo role:medical-assistant",
    "Here, we take an in-depth look at the steps": "path:medical-assistant cp:hasStage ?s",
    "A medical assistant is a healthcare worker": said(MA, "helps facilities run smoothly"),
    "They are involved in administrative tasks": said(MA, "bridging the gap between doctor and patient"),
    "It is important to note that medical assistants are different": "?c a cp:Comparison ; cp:comparesRole role:medical-assistant , role:physician-assistant",
    "While physician assistants are qualified": "role:medical-assistant cp:mayDiagnoseOrTreat false . role:physician-assistant cp:mayDiagnoseOrTreat true",
    "Medical assistants are essential members of the Patient-Centered": "misc:pcmh-team cp:hasMemberRole role:medical-assistant",
    "A report by the Healthcare Intelligence Network": said("misc:pcmh-team", "healthcare intelligence network"),
    "Other personnel within the PCMH": "misc:pcmh-team cp:hasMemberRole role:case-manager , role:nurse-practitioner , role:registered-nurse , role:physician-assistant",
    # ------------------------------------------------ duties
    "The profession of medical assistants splits tasks": "kind:administrative-duty a cp:DutyKind . kind:clinical-duty a cp:DutyKind",
    "However, according to the Occupational Analysis": said(
        "prog:ma-certificate-accredited", "occupational analysis of medical assistants"
    ),
    "The duties depend on factors": said(MA, "depend on the employer and the work location"),
    "Below we list examples of typical work tasks": "role:administrative-medical-assistant cp:hasDuty ?a . role:clinical-medical-assistant cp:hasDuty ?b",
    "Some of the administrative duties revolve around business": said("kind:administrative-duty", "business side"),
    "Answer phone calls": duty("administrative", "Answer phone calls"),
    "Receive patients": duty("administrative", "Receive patients"),
    "File and update patient medical records": duty("administrative", "File and update patient medical records"),
    "Fill out Insurance forms": duty("administrative", "Fill out insurance forms"),
    "Handle bookkeeping": duty("administrative", "Handle bookkeeping, correspondence and billing"),
    "Schedule appointments": duty("administrative", "Schedule appointments"),
    "Alternatively, some of the duties involve patient care": said("kind:clinical-duty", "patient care"),
    "Help physicians during examinations": duty("clinical", "Help physicians during examinations"),
    "Perform electrocardiograms": duty("clinical", "Perform electrocardiograms"),
    "Describe treatment processes": duty("clinical", "Describe treatment processes to patients"),
    "Take medical histories": duty("clinical", "Take medical histories"),
    "Administer medications": duty(
        "clinical", "Administer medications under the supervision of a licensed healthcare provider"
    ),
    "Dress wounds": duty("clinical", "Dress wounds"),
    "Educate patients on diets": duty("clinical", "Educate patients on diets and medication"),
    "Perform simple laboratory tests": duty("clinical", "Perform simple laboratory tests"),
    # ------------------------------------------------ the five steps
    "The most significant advantage is that the process is not as rigorous": said(
        "path:medical-assistant", "not as rigorous"
    ),
    "The critical achievements you need include": "path:medical-assistant cp:hasStage ?s . ?s cp:stageNumber ?n",
    "Step 1.": f"{S1} cp:stageNumber 1",
    "Earn A High School Diploma or GED": labelled(S1, "Earn a high school diploma or GED"),
    "You must start with a high school diploma or GED": f"{S1} cp:realizedBy grp:high-school-or-equivalent . grp:high-school-or-equivalent cp:member cred:high-school-diploma , cred:ged",
    "Students should concentrate on math and science": said(S1, "chemistry, statistics, algebra, biology, physics"),
    "These courses lay a foundation": said(S1, "lay a foundation"),
    "Volunteering at a physician's office": said(S1, "volunteering at a physician's office"),
    "Step 2.": f"{S2} cp:stageNumber 2",
    "Complete A Medical Assistant Program": labelled(S2, "Complete a medical assistant program"),
    "The opportunities to work straight after high school exist": "step:get-hired-as-medical-assistant cp:requires grp:high-school-or-equivalent ; cp:achieves role:medical-assistant",
    "However, completing an accredited program": said(S2, "great advantage"),
    "The Bureau of Labor Statistics (BLS) states that most employers": said(
        S2, "most employers seek candidates with postsecondary training"
    ),
    "Furthermore, employers prefer": said(S2, "employers prefer rmas or cmas"),
    "The candidate must have completed a certificate or diploma program": "claim:rma-cma-need-program-guide cp:isCurrent false ; cp:source src:guide",
    "Some factors to consider when choosing a program": said(S2, "accreditation, alumni outcomes, financial cost"),
    "Hands-on experience is also essential": said(S2, "direct contact with patients"),
    "Step 3.": f"{S3} cp:stageNumber 3",
    "Find Internship Opportunities": labelled(S3, "Find internship opportunities"),
    "Apart from the regular coursework and labs": f"{S3} cp:realizedBy step:complete-externship",
    "During the internship period": said("prog:externship", "hospital, specialty practice or clinic"),
    "As an intern, you can shadow": said("prog:externship", "shadowing medical assistants"),
    "In addition to the experience that internships can provide": said(S3, "fortify the resume"),
    "Step 4.": f"{S4} cp:stageNumber 4",
    "Get Certified": labelled(S4, "Get certified"),
    "You need to pass a certification exam in some states": said(
        S4, "some states require passing a certification exam"
    ),
    "Many employers also require specific certifications": said(S4, "many employers require specific certifications"),
    "The top certification paths are": f"{S4} cp:realizedBy cert:rma , cert:cma",
    "The certifications cover areas such as": said(
        S4, "physiology, anatomy, legal compliance, safety and medical terminology"
    ),
    "Even if your state doesn't require certification": said(S4, "enhances work skills"),
    "With a certificate, you can boost": said(S4, "education section of a resume"),
    "It also increases your chances": said(S4, "landing a good position"),
    "Step 5.": f"{S5} cp:stageNumber 5",
    "Apply for Medical Assistant Roles": labelled(S5, "Apply for medical assistant roles"),
    "Regardless of training and skill acquisition": said(S5, "take the initiative"),
    "Take the initiative and apply": said(S5, "specialty centers, hospitals and clinics"),
    "Suppose it takes too long to find a job": said(S5, "takes too long")
    + " . step:get-hired-as-medical-assistant cp:durationMonthsHigh ?high",
    "In that case, it is advisable to take on more volunteering": said(S5, "more volunteering"),
    # ------------------------------------------------ licensing and certifications
    "Certification demonstrates proficiency": said(S4, "proficiency and competency"),
    "Additionally, it proves to potential employers": said(S4, "proves to employers"),
    "However, more often than not, certification is voluntary": said(S4, "voluntary"),
    "The five major certifications include": "dis:five-certifications cp:hasClaim claim:five-certifications-list . claim:five-certifications-list cp:isCurrent false",
    "Registered Medical Assistant": "cert:rma a cp:Certification",
    "Certified Medical Assistant": "cert:cma a cp:Certification",
    "National Certified Medical Assistant": "cert:ncma a cp:Certification",
    "Certified Clinical Medical Assistant": "cert:ccma a cp:Certification",
    "Healthcare employers recognize the Registered Medical Assistant": said(
        "cert:rma", "recognized by healthcare employers all over the country"
    ),
    "The American Medical Technologists (AMT) administer": by("cert:rma", "AMT"),
    "To be eligible for the RMA exam, candidates have four options": "claim:rma-routes-four cp:claimedValue 4 ; cp:isCurrent false",
    "Military: Complete a medical assistant training program": "route:rma-military cp:hasCondition/cp:requiresMilestone prog:military-medical-training",
    "Education: Complete an accredited medical assistant program": "route:rma-education cp:hasCondition ?c . ?c cp:minimumHours 720 ; cp:withinYears ?w . FILTER(?w = 4)",
    "Instructor: Complete a course": "route:rma-instructor cp:hasCondition/cp:requiresMilestone prog:healthcare-instruction-course . route:rma-instructor cp:hasCondition ?c . ?c cp:minimumYears ?y . FILTER(?y = 5)",
    "Experience: Work as a medical assistant": "route:rma-experience-5-of-7 cp:hasCondition ?c . ?c cp:minimumYears ?y ; cp:withinYears ?w . FILTER(?y = 5 && ?w = 7) route:rma-experience cp:supersedes route:rma-experience-5-of-7",
    "The Certified Medical Assistant (CMA) credential is one of the most prestigious": said(
        "cert:cma", "most prestigious"
    ),
    "The American Association of Medical Assistants (AAMA) administers": by("cert:cma", "AAMA")
    + " . "
    + said("cert:cma", "recognized nationally and globally"),
    "The AAMA receives over 100 requests daily": said("cert:cma", "over 100 requests a day"),
    "This level of activity shows the level of trust": said("cert:cma", "verifying the status of applicants"),
    "In a rigorous exam, candidates have two hours and forty minutes": "cert:cma cp:hasExam ?e . ?e cp:questionCount 200 ; cp:examDuration ?d . FILTER(STR(?d) = 'PT2H40M')",
    "The test covers topics such as": "cert:cma cp:hasExam/cp:coversTopic ?t",
    "Knowledge of patient intake": labelled("?t", "Knowledge of patient intake")
    + " . cert:cma cp:hasExam/cp:coversTopic ?t",
    "Healthcare delivery": labelled("?t", "Healthcare delivery") + " . cert:cma cp:hasExam/cp:coversTopic ?t",
    "Safety and infection control": labelled("?t", "Safety and infection control")
    + " . cert:cma cp:hasExam/cp:coversTopic ?t",
    "Health information management": labelled("?t", "Health information management")
    + " . cert:cma cp:hasExam/cp:coversTopic ?t",
    "Medical insurance": labelled("?t", "Medical insurance") + " . cert:cma cp:hasExam/cp:coversTopic ?t",
    "Only candidates who have graduated from a postsecondary": "claim:cma-only-accredited cp:isCurrent false ; cp:source src:guide",
    "Either the Commission on Accreditation": "route:cma-category-1 cp:hasCondition/cp:requiresMilestone grp:accredited-ma-program . prog:ma-certificate-accredited cp:accreditedBy org:caahep , org:abhes",
    "The Certified Medical Administrative Assistant (CMAA) credential helps": said(
        "cert:cmaa", "administrative roles in medical settings"
    ),
    "The National Healthcareer Association (NHA) administers this certification": by("cert:cmaa", "NHA"),
    "Applicants must have completed a medical assisting program within five years": "claim:cmaa-guide cp:isCurrent false ; cp:source src:guide",
    "The National Center for Competency Testing (NCCT) grants": by("cert:ncma", "NCCT"),
    "Applicants must meet eligibility requirements to take the exam": said("cert:ncma", "pay the exam fee"),
    "Once a candidate passes the exam": said("cert:ncma", "pass the exam"),
    "The eligibility requirements include": "?r cp:qualifiesFor cert:ncma",
    "Experience": "route:ncma-experience cp:qualifiesFor cert:ncma",
    "Medical assistants with a high school diploma or equivalent can become NCMA": "route:ncma-experience cp:hasCondition/cp:requiresMilestone grp:high-school-or-equivalent",
    "They must also have at least two years or 4,160 hours": "route:ncma-experience cp:hasCondition ?c . ?c cp:minimumHours 4160 ; cp:minimumYears ?y ; cp:isFullTime ?ft . FILTER(?y = 2)",
    "This work experience must be under the supervision": "route:ncma-experience cp:hasCondition/cp:isSupervised true",
    "Medical Assistant Graduate or Current Student": "route:ncma-graduate cp:qualifiesFor cert:ncma . route:ncma-student cp:qualifiesFor cert:ncma",
    "Applicants can also get the NCMA certification if they are high school graduates": "route:ncma-graduate cp:hasCondition ?c . ?c cp:withinYears ?w . FILTER(?w = 5)",
    "Current students can also apply": said("route:ncma-student", "within two years after completing"),
    "You will need to provide transcripts": "route:ncma-graduate cp:hasCondition/cp:conditionNote ?n . FILTER(CONTAINS(?n, 'Transcripts'))",
    "Military": "route:ncma-military cp:qualifiesFor cert:ncma",
    "The last route through which applicants can earn an NCMA": "route:ncma-military cp:hasCondition/cp:requiresMilestone prog:military-medical-training",
    "Applicants working for the US Armed Forces must have a high school diploma": "route:ncma-military cp:hasCondition/cp:requiresMilestone grp:high-school-or-equivalent",
    "Another requirement is a DD214": "route:ncma-military cp:hasCondition ?c . ?c cp:requiresMilestone prog:military-medical-training ; cp:withinYears ?w . FILTER(?w = 5) "
    + said("prog:military-medical-training", "dd214 or a smart transcript").replace("?c", "?note"),
    "The National Healthcareer Association (NHA) administers the Certified Clinical": by("cert:ccma", "NHA"),
    "Requirements for this credential are": "?r cp:qualifiesFor cert:ccma",
    "A high school diploma or GED and completion of a medical assistant training program": "route:ccma-program cp:hasCondition/cp:requiresMilestone grp:high-school-or-equivalent . route:ccma-program cp:hasCondition ?c . ?c cp:withinYears ?w . FILTER(?w = 5)",
    "One year of supervised medical assisting experience": "route:ccma-experience cp:hasCondition ?c . ?c cp:minimumYears ?y ; cp:withinYears ?w . FILTER(?y = 1 && ?w = 3)",
    "In some states, you need a license": "claim:licensing-guide cp:isCurrent false ; cp:source src:guide",
    "It is vital to check with the licensing boards": "?r a cp:PracticeRule ; cp:appliesToRole role:medical-assistant ; cp:jurisdiction ?j",
    # ------------------------------------------------ career options, specialties, jobs
    "The Bureau of Labor Statistics reports that physicians' offices employ 57%": "?s a cp:EmploymentShare ; cp:inSetting setting:physicians-offices ; cp:sharePercent ?p ; cp:source src:guide . FILTER(?p = 57)",
    "They also work in outpatient care centers": "setting:outpatient-care-centers a cp:WorkSetting . setting:medical-surgical-offices a cp:WorkSetting . setting:chiropractors-offices a cp:WorkSetting",
    "Below, we highlight some of the roles": "role:clinical-medical-assistant a cp:SpecialtyRole . role:administrative-medical-assistant a cp:SpecialtyRole",
    "Working in a clinic offers more opportunities": said(
        "role:clinical-medical-assistant", "medical technology and equipment"
    ),
    "Some of the specialties you can pursue": "?r cp:specializes role:clinical-medical-assistant ; cp:inSpecialty ?s",
    "Medical assistants in foot and ankle facilities": "role:podiatric-medical-assistant cp:hasDuty duty:develop-x-rays , duty:make-foot-casts , duty:assist-surgery",
    "The role demands a solid understanding of foot anatomy": said("role:podiatric-medical-assistant", "foot anatomy"),
    "These professionals often have to work with patients in a lot of pain": said(
        "role:podiatric-medical-assistant", "a lot of pain"
    ),
    "Working in podiatry can also serve": said("spec:podiatry", "sports medicine"),
    "Ophthalmic medical assistants work with physicians": said(
        "role:ophthalmic-medical-assistant", "focus on the eyes"
    ),
    "The duties of this position require you to collect medical history": "role:ophthalmic-medical-assistant cp:hasDuty duty:take-medical-histories",
    "You will also conduct eye exams": "role:ophthalmic-medical-assistant cp:hasDuty duty:conduct-eye-exams , duty:assist-minor-surgery , duty:educate-contact-lenses",
    "Chiropractic medicine seeks": said("spec:chiropractic", "more natural ways"),
    "Medical assistants help chiropractors": "role:chiropractic-medical-assistant cp:hasDuty duty:administer-hot-cold-therapies",
    "OB-GYN is short for obstetrician-gynecologist": 'spec:ob-gyn cp:abbreviation "OB-GYN" . '
    + labelled("spec:ob-gyn", "Obstetrics and gynecology"),
    "Medical assistants for OB-GYN physicians": said("role:ob-gyn-medical-assistant", "menopause, pregnancy"),
    "They often help to provide education and guidance to pregnant women": "role:ob-gyn-medical-assistant cp:hasDuty duty:guide-pregnant-women",
    "People who are detailed and organized": said(
        "role:administrative-medical-assistant", "detailed, organized people"
    ),
    "Professionals in this field do not have a lot of contact": said(
        "role:administrative-medical-assistant", "little contact with physicians"
    ),
    "But they are still essential to the smooth running": said(
        "role:administrative-medical-assistant", "smooth running of healthcare facilities"
    ),
    "These professionals handle the business side": said(
        "role:administrative-medical-assistant", "business side of medicine"
    ),
    "They often work as administrative assistants, medical billers, and coders": "role:medical-biller cp:specializes role:administrative-medical-assistant . role:medical-coder cp:specializes role:administrative-medical-assistant . role:medical-administrative-assistant cp:specializes role:administrative-medical-assistant",
    "Medical billers and coders track": "role:medical-coder cp:hasDuty duty:track-patient-data , duty:analyze-records , duty:work-with-physicians-accuracy . role:medical-biller cp:hasDuty duty:track-patient-data , duty:analyze-records , duty:work-with-physicians-accuracy",
    # ------------------------------------------------ skills
    "Professionals who excel in this career path possess": "role:medical-assistant cp:requiresSkill ?s",
    "Apart from being dedicated, compassionate, and driven": "role:medical-assistant cp:requiresSkill skill:dedication , skill:compassion , skill:drive , skill:attention-to-detail , skill:knowledge . skill:drive cp:skillKind kind:personal-quality",
    "Since they handle multi-dimensional tasks": said(MA, "interpersonal skills alongside laboratory and clinical"),
    "One of the most important aspects of this job is customer service": said(
        "skill:customer-service", "most important aspects"
    ),
    "Patients are the customer in this case": said("skill:customer-service", "patients are the customers"),
    "They are often the first person the patient meets": said("skill:customer-service", "first person they meet"),
    "Their attitude can shape": said("skill:customer-service", "attitude can shape"),
    "Interpersonal skills are vital for relating": said("kind:interpersonal", "relating with patients and co-workers"),
    "Strong communication skills are essential": said("skill:communication", "nurses, doctors and patients"),
    "This involves listening to instructions": said("skill:communication", "listening to instructions"),
    "It is also vital to pass across medical information": said("skill:communication", "clearly and concisely"),
    "Medical assistants need to think on their feet": said(
        "skill:problem-solving", "on one's feet and offering solutions"
    ),
    "Whether a nurse has difficulties with medical tools": said(
        "skill:problem-solving", "difference between life and death"
    ),
    "A big part of this role heavily depends on teamwork": said("skill:teamwork", "other medical team members"),
    "Understanding the needs of others and showing empathy": said("skill:empathy", "understanding the needs of others"),
    "Respect, kindness, and care are invaluable": said("skill:empathy", "respect, kindness and care"),
    "In addition to interpersonal skills, medical assistants need strong technical": said(
        "kind:clinical", "technical skills of patient care"
    ),
    "Some of the clinical skills include": "?s cp:skillKind kind:clinical",
    "Injections": skill("clinical", "Injections"),
    "Electrocardiogram (EKG)": skill("clinical", "Electrocardiogram") + ' . ?s cp:abbreviation "EKG"',
    "Vital signs measurement": skill("clinical", "Vital signs measurement"),
    "Cardiopulmonary Resuscitation (CPR)": skill("clinical", "Cardiopulmonary resuscitation")
    + ' . ?s cp:abbreviation "CPR"',
    "Phlebotomy": skill("clinical", "Phlebotomy"),
    "Life support": skill("clinical", "Life support"),
    "Patient preparation": skill("clinical", "Patient preparation"),
    "Medical terminology": skill("clinical", "Medical terminology"),
    "In addition to clinical and interpersonal skills, this career also requires": said(
        "kind:administrative", "practical office skills"
    ),
    "Appointment setting": skill("administrative", "Appointment setting"),
    "Scheduling": skill("administrative", "Scheduling"),
    "Medical coding": skill("administrative", "Medical coding"),
    "Telephone skills": skill("administrative", "Telephone skills"),
    "Multitasking": skill("administrative", "Multitasking"),
    "Electronic medical records": skill("administrative", "Electronic medical records"),
    "Organization": skill("administrative", "Organization"),
    "While some of these skills come naturally": said(MA, "come naturally"),
    "A medical assistant has to be tech-savvy": said("skill:medical-equipment", "tech-savvy"),
    "Professionals often work with spirometers, nebulizers": skill(
        "technological", "Medical equipment such as spirometers and nebulizers"
    ),
    "As such, you need to grasp the basics": said(
        "skill:medical-equipment", "basics of medical equipment and software"
    ),
    "Many physicians and hospitals use Electronic Health Records": said(
        "skill:running-reports", "many physicians and hospitals use"
    ),
    "There are often questions concerning patient records": said("skill:running-reports", "the questions about them"),
    "In this role, you may be in charge of managing patient records": said(
        "skill:running-reports", "in charge of patient records"
    ),
    "Therefore, they need to have an understanding of": "?s cp:skillKind kind:technological",
    "Software maintenance": skill("technological", "Software maintenance"),
    "Editing data": skill("technological", "Editing data"),
    "Security and privacy of patient data": skill("technological", "Security and privacy of patient data"),
    "Running reports": skill("technological", "Running reports"),
    # ------------------------------------------------ work environment
    "A medical assistant's work environment differs": "setting:emergency-care a cp:WorkSetting . setting:private-clinics a cp:WorkSetting . setting:specialty-clinics a cp:WorkSetting",
    "It is common to see fast-paced work environments": said("setting:emergency-care", "fast-paced")
    + " . "
    + said("setting:private-clinics", "workload may be less").replace("?c", "?c2"),
    "For example, clinical medical assistants may have to be on their feet": said(
        "setting:clinical-settings", "on their feet"
    ),
    "The caseload grows if they work in a busy location": said(
        "setting:emergency-care", "caseloads grow in busy locations"
    ),
    "On the contrary, the workload in a private clinic may be less": said(
        "setting:private-clinics", "workload may be less"
    ),
    "Also, medical assistants working in 24/7 emergency care": "setting:emergency-care cp:hasSchedule/cp:includesNightsWeekendsHolidays true",
    "Those working in clinical settings may work three 12-hour shifts": "setting:clinical-settings cp:hasSchedule ?s . ?s cp:shiftsPerWeek 3 ; cp:shiftHours ?h . FILTER(?h = 12)",
    "In contrast, those working in specialty clinics": "setting:specialty-clinics cp:hasSchedule ?s . ?s cp:includesNightsWeekendsHolidays false",
    # ------------------------------------------------ salary and outlook (the guide's figures, kept beside newer ones)
    "As of May 2020, the Bureau of Labor Statistics reported": number("stat:wage-2020-mean-guide cp:amountUSD", 35850)
    + " claim:wage-2020-guide-average cp:isCurrent false",
    "Those in the top 10% made as much as": "stat:wage-2020-p90 cp:amountUSD ?a . stat:wage-2020-p10 cp:amountUSD ?b . FILTER(?a = 50580 && ?b = 26930)",
    "The top earners typically worked in outpatient care centers": number(
        "stat:wage-2020-outpatient cp:amountUSD", 38860
    ),
    "At the same time, hospitals and physicians' offices came next": "stat:wage-2020-hospitals cp:amountUSD ?a . stat:wage-2020-physicians cp:amountUSD ?b . FILTER(?a = 37050 && ?b = 35870)",
    "Medical assistants who worked in offices of chiropractors": number(
        "stat:wage-2020-chiropractors cp:amountUSD", 31470
    ),
    "The BLS further predicts that the employment rate": number("stat:outlook-2020-2030 cp:growthPercent", 18)
    + " stat:outlook-2020-2030 cp:growthDescription ?desc",
    "According to the BLS, there should be around 104,400 openings": "stat:outlook-2020-2030 cp:openingsPerYear 104400",
    "Many of these openings will stem from retirements": said("stat:outlook-2020-2030", "retirements"),
    # ------------------------------------------------ benefits
    "The benefits of becoming a medical assistant are enormous": "role:medical-assistant cp:offersBenefit ?b",
    "First is the satisfaction that comes with helping others": said(
        "benefit:job-satisfaction", "satisfaction of helping others"
    ),
    "Also, there are opportunities to advance": "role:medical-assistant cp:advancesTo ?r",
    "Specializations": "role:medical-assistant cp:offersBenefit benefit:specializations",
    "Medical assistants have the opportunity to grow": said("benefit:specializations", "grow into specialized roles"),
    "For example, those working in a podiatrist clinic": said("benefit:specializations", "making foot casts"),
    "This specialization can be advantageous": said("benefit:specializations", "advancing or moving"),
    "Career Growth": "role:medical-assistant cp:offersBenefit benefit:career-growth",
    "It takes around four years to earn a university degree": number(
        "step:earn-bachelors-degree cp:durationMonths", 48
    ),
    "In that time, people can land a medical assistant role": said("benefit:career-growth", "earn a paycheck"),
    "You can complete a medical assisting diploma program in as little time as one year": number(
        "step:complete-accredited-certificate-program cp:durationMonths", 12
    ),
    "At the same time, associate degrees typically take 18 months or more": "step:complete-accredited-associate-program cp:durationMonthsLow ?v ; cp:durationSource src:guide . FILTER(?v = 18)",
    "Although this career does not require a lot of time": said("benefit:career-growth", "less critical"),
    "Networking": "role:medical-assistant cp:offersBenefit benefit:networking",
    "Since medical assistants have to work with technicians": said(
        "benefit:networking", "technicians, nurses, medical directors and doctors"
    ),
    "They can also establish relationships with patients": said("benefit:networking", "relationships with patients"),
    "Job Satisfaction": "role:medical-assistant cp:offersBenefit benefit:job-satisfaction",
    "Working in the healthcare setting can be one of the most satisfying": said(
        "benefit:job-satisfaction", "satisfaction"
    ),
    "A medical assistant's role allows them to provide care": said("benefit:job-satisfaction", "ailing patients"),
    "The hope and support these professionals offer": said("benefit:job-satisfaction", "hope and support"),
    "Financial Benefits": "role:medical-assistant cp:offersBenefit benefit:financial",
    "A career as a medical assistant is an excellent route to financial freedom": said(
        "benefit:financial", "financial freedom"
    ),
    "Most earn more than their contemporaries": said("benefit:financial", "manufacturing and retail"),
    "Additionally, with the right practical experience": said("benefit:financial", "more responsibility and pay"),
    "Job Security": "role:medical-assistant cp:offersBenefit benefit:job-security",
    "Once medical assistants go past the entry-level stages": said("benefit:job-security", "very valuable"),
    "In the event of a down market": said("benefit:job-security", "down market"),
    # ------------------------------------------------ advancement and demand
    "There are many opportunities to advance": "role:medical-assistant cp:advancesTo ?r . ?r a cp:AdvancementRole",
    "This includes positions such as": "role:medical-assistant cp:advancesTo ?r . ?r a cp:AdvancementRole",
    "Lead medical assistant": "role:medical-assistant cp:advancesTo role:lead-medical-assistant",
    "Clinical team leader": "role:medical-assistant cp:advancesTo role:clinical-team-leader",
    "Medical records manager": "role:medical-assistant cp:advancesTo role:medical-records-manager",
    "Medical office manager": "role:medical-assistant cp:advancesTo role:medical-office-manager",
    "Clinical office manager": "role:medical-assistant cp:advancesTo role:clinical-office-manager",
    "Executive medical office secretary": "role:medical-assistant cp:advancesTo role:executive-medical-office-secretary",
    "Healthcare administration": "role:medical-assistant cp:advancesTo role:healthcare-administrator",
    "Medical assistant instructor": "role:medical-assistant cp:advancesTo role:medical-assistant-instructor",
    "With an increase in the number of older people": said(MA, "older people who need constant medical attention"),
    "Advancements in technology and an increase in healthcare centers": said(MA, "advances in technology")
    + " . "
    + said(MA, "more healthcare centers and physicians' offices").replace("?c", "?c2"),
}


def _key(statement: str) -> str | None:
    """The longest key of COVERAGE or EXCUSED that the statement starts with."""
    text = statement.lower()
    keys = [k for k in (*COVERAGE, *EXCUSED) if text.startswith(_norm(k).lower())]
    return max(keys, key=len) if keys else None


@pytest.fixture(scope="module")
def holds(cg):
    def run(pattern: str) -> bool:
        return bool(cg.rdf.query(PREFIXES + MORE_PREFIXES + f"ASK {{ {pattern} }}").askAnswer)

    return run


STATEMENTS = statements()


def test_the_guide_was_split_into_statements():
    assert len(STATEMENTS) > 250
    assert sum(1 for *_, heading in STATEMENTS if heading) > 20


@pytest.mark.parametrize(
    "line, statement",
    [(n, s) for n, s, heading in STATEMENTS if not heading],
    ids=[f"line{n}:{s[:40]}" for n, s, heading in STATEMENTS if not heading],
)
def test_statement_is_in_the_data(holds, line, statement):
    key = _key(statement)
    assert key is not None, f"line {line}: no coverage entry for: {statement}"
    if key in EXCUSED:
        return
    assert holds(COVERAGE[key]), f"line {line}: the data does not say: {statement}\n  pattern: {COVERAGE[key]}"


def test_every_entry_matches_a_statement_of_the_guide():
    """No stale entry: each key starts some statement of the guide (so the table follows the guide)."""
    texts = [s.lower() for _, s, heading in STATEMENTS if not heading]
    stale = [k for k in (*COVERAGE, *EXCUSED) if not any(t.startswith(_norm(k).lower()) for t in texts)]
    assert stale == []


def test_excused_statements_are_few():
    excused = [s for _, s, heading in STATEMENTS if not heading and _key(s) in EXCUSED]
    assert len(excused) == len(EXCUSED)


def test_corrected_claims_of_the_guide_name_a_current_source(holds):
    """Where the guide is out of date, its claim is kept, not current, beside a current claim."""
    for claim in (
        "claim:rma-cma-need-program-guide",
        "claim:rma-routes-four",
        "claim:cma-only-accredited",
        "claim:cmaa-guide",
        "claim:licensing-guide",
        "claim:wage-2020-guide-average",
    ):
        assert holds(f"""?d cp:hasClaim {claim} , ?other . {claim} cp:isCurrent false ; cp:source src:guide .
            ?other cp:isCurrent true ; cp:source ?s . FILTER(?s != src:guide)"""), claim
