# ruff: noqa: RUF002 - Turkish words are written with a dotless i
"""What customers say, in English, Spanish and Turkish, as patterns on folded text.

Every pattern here is matched against `extraction.languages.fold` of a sentence: lower
case, no accents, Turkish ı as i. The offline extractor's rules are in offline.py; this
module holds only the words.
"""

from __future__ import annotations

import re


def cue(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


# Turns that address the extractor instead of the other speaker.
INSTRUCTION = cue(
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules?|"
    r"system|guidelines?|previous|above)\b",
    r"\b(system prompt|you are now|as an ai|language model|assistant:|system:|note to the ai|"
    r"dear ai|hey ai|ai system|the ai|extraction)\b",
    r"\b(mark|set|record|put|classify|categori[sz]e|label|log|flag|list|score|rate|save|"
    r"store|register|enter)\s+(me|my|this|it|the call|this call|the customer|the lead|us)\b"
    r"(?: down)?.{0,30}\b(as|to|at)\b.{0,20}\b(high|medium|low|none|hot|true|false|"
    r"qualified|priority|vip|urgent|interested|top)\b",
    r"\b(set|change|update|make)\s+(my|the)\s+(interest|status|follow[ -]?up|name|number|"
    r"date|score|priority)\b.{0,20}\bto\b",
    r"\b(interest_level|follow_up_required|follow_up_date|customer_name|callback_number)\b",
    r"\b(interest level|follow[ -]up required|follow[ -]up date|customer name|callback number)"
    r"\s*(?:field\s*)?(?:to|as|=|:|should be|must be)\s",
    r"\b(output|return|respond with)\b.{0,20}\bjson\b",
    r"\bpay no (attention|mind|heed)\b|\b(system|admin|developer|operator) (note|message|"
    r"override|instruction|update)\b|\bnote to (the )?(system|ai|model|assistant|bot)\b",
    r"\b(record|note|write down|put down|jot down|log|register|mark down) (that|down that)\b"
    r".{0,40}\b(interested|high|hot|ready|buy|buying|sign|signed|qualified)\b",
    r"\b(ignora|olvida|omite)\b.{0,30}\b(instrucciones|reglas|anterior)\b",
    r"\b(marca|marcame|marque|pon|ponme|registra|apunta|anota|clasifica)\b.{0,30}\b(como|con)\b"
    r".{0,30}\b(interes|alto|alta|seguimiento)\b",
    r"\b(talimat\w*|kural\w*)\b.{0,30}\b(yok say|unut|gormezden gel)\w*",
    r"\bolarak (isaretle|kaydet|yaz|gir)\w*|\b(isaretleyin|isaretle|kaydedin)\b",
)

# A sentence after an instruction that turns back to the customer's own answer.
CONTRAST = re.compile(r"[,;]\s*(?=(?:but|however|pero|ama|fakat)\b)", re.IGNORECASE)
OWN_WORDS_AGAIN = cue(r"^\W*(but|however|honestly|actually|really|seriously|anyway|joking aside)\b")

# Agreeing to, and turning down, what the agent just proposed.
ACCEPT = cue(
    r"^\W*(yes|yeah|yep|yup|sure|ok|okay|perfect|great|sounds good|that works|works for me|"
    r"fine|that'?s fine|absolutely|definitely|that'?s perfect|that'?d be great|of course|"
    r"please do|go ahead|good(?! (?:morning|afternoon|evening|night|day))|lovely|brilliant|"
    r"alright|all right|that suits me)\b",
    r"^\W*(si|claro|vale|perfecto|de acuerdo|me parece bien|esta bien|muy bien|por supuesto|"
    r"genial|dale|sin problema)\b",
    r"^\W*(evet|tamam|olur|tabii|tabi|elbette|uygun|harika|super|peki|kesinlikle|"
    r"memnuniyetle)\b",
)
REFUSE = cue(
    r"^\W*(no|nope|nah|not really|no thanks|no thank you)\b",
    r"^\W*(hayir|yok|istemiyorum|gerek yok)\b",
)

# The customer is not there, or speaks of the past: a day said in such a clause is not
# a day to call.
PAST = cue(
    r"\b(last|ago|yesterday|was|were|did|had|called you|used to)\b",
    r"\b(ayer|anoche|la semana pasada|el mes pasado|llame|llamaron|fue|estuve)\b",
    r"\b(dun|gecen|gectigimiz|aradim|aramistiniz|oldu)\b",
)
UNAVAILABLE = cue(
    r"\b(not|n't|cannot|busy|away|off|out of (town|office)|unavailable|travell?ing|"
    r"on holiday|on vacation|in meetings?|working all day|at work|won'?t be|no good|"
    r"doesn'?t work|bad day)\b",
    r"\b(no puedo|no estoy|no estare|estare fuera|de viaje|ocupad[oa]|trabajo todo|"
    r"no me viene bien|no me va bien|imposible|fuera de la ciudad)\b",
    r"\b(musait degil\w*|olmuyor|olmaz|yokum|isim var|mesgul\w*|seyahat\w*|toplanti\w*|"
    r"sehir disi\w*|uygun degil\w*|calisiyorum)\b",
)
CLAUSE = re.compile(
    r",|;|\s+but\s+|\s+instead\s+|\s+rather\s+|\s+pero\s+|\s+mejor\s+|\s+en vez de\s+|"
    r"\s+ama\s+|\s+fakat\s+|\s+ancak\s+|\s+yerine\s+"
)

# Follow-ups: the customer asks for one, turns it down, or will call themselves.
FOLLOW_UP_ANNOUNCED = cue(
    r"\b(will|'ll|going to|shall|can|could)\s+(call|ring|phone|contact)\s+you\b",
    r"\b(we|i)'?ll (call|ring) you\b",
    r"\b(le|te|les) (llamaremos|llamamos|llamare|vamos a llamar|volveremos a llamar|"
    r"llamara)\b",
    r"\b(sizi|seni) (arayacagiz|ararim|arariz|arayacagim|arayalim|arayabilir\w*|"
    r"tekrar arayacagiz)\b",
)
FOLLOW_UP_QUESTION = cue(
    r"\b(call you back|follow up|follow-up|call you again|reach you|get back to you|"
    r"schedule a call|set up a call|call again|contact you|ring you|give you a call|"
    r"call you)\b",
    r"\b(le llamamos|le podemos llamar|llamarle|le volvemos a llamar|le parece si le llamo|"
    r"volver a llamar|le llamo|llamarte|te llamo|le contactamos|seguimiento)\b",
    r"\b(arayalim|arayabilir\w*|tekrar ara\w*|geri ara\w*|donus yap\w*|sizi ara\w*|"
    r"ulasalim|ulasabilir\w*)\b",
)
CUSTOMER_WILL_CALL = cue(
    r"\bi('?ll| will| can)? (call|ring|contact|phone) (you|them|back)\b(?! (at|on|back at))",
    r"\bi('?ll| will)? (get back to you|reach out|be in touch|let you know)\b",
    r"\b(yo|ya) (le|te|les) (llamo|llamare|aviso|escribo)\b|\b(le|te|les) llamo yo\b|"
    r"\byo me (comunico|pongo en contacto)\b|\byo (llamo|llamare)\b",
    r"\bben (sizi |size )?(ararim|arayacagim|donerim|donus yaparim|haber veririm|"
    r"ulasirim)\b|\bben ararim\b",
)
NEGATIVE_FOLLOW_UP = cue(
    r"\b(don'?t|do not|please don'?t|no need to|stop|never|won'?t need to|doesn'?t need to|"
    r"there'?s no need to)\s+(call|contact|ring|bother|phone|follow)",
    r"\bno,? (need|more calls?|follow[ -]?ups?|callbacks?|call backs?|calls?)\b",
    r"\bno (need|reason) for (a |any )?(call|follow[ -]?up|callback)",
    r"\bnot interested\b|\bno thanks\b|\bno thank you\b|\bremove me\b|\bwrong number\b",
    r"\btake me off\b|\bno,? (i'?m|we'?re) (good|fine|all set)\b|\bnot necessary\b",
    r"\bdo not call\b|\bunsubscribe\b|\bdon'?t need (a |any )?(call|follow[ -]?up|callback)",
    r"\b(i'?m|we'?re) all set\b|\bthat won'?t be necessary\b|\bi'?ll pass\b",
    r"\bno (me|nos) (llame|llamen|llames|vuelva|vuelvan|molest)\w*",
    r"\bno (vuelva|vuelvan|vuelvas) a llamar\w*|\bno (hace falta|es necesario|necesito) "
    r"(que )?(me )?(llam|volv|segu)\w*",
    r"\bno me interesa\b|\bno estoy interesad[oa]\b|\bno,? gracias\b|\bnumero equivocado\b|"
    r"\bborren?me\b|\bquitenme\b|\bsaquenme\b",
    r"\b(beni )?(tekrar )?aramayin\w*|\baramaniza gerek yok\b|\bgerek yok\b|"
    r"\bilgilenmiyorum\b|\bilgilenmiyoruz\b|\bistemiyorum\b|\byanlis numara\b|"
    r"\blisteden (cikar|sil)\w*|\baramanizi istemiyorum\b",
)
POSITIVE_FOLLOW_UP = cue(
    r"\b(call me (back|again|next|on|in|tomorrow|later|at|this|around|after|before|any)|"
    r"call back|give me a call|reach out|get back to me|ring me|contact me|"
    r"talk (again|then|next)|yes,? please|please call|phone me|try me|call me)\b",
    r"\b(follow[ -]?up|callback|call back)\b",
    r"\b(llame(me|nme)?|llamame|llamenos|vuelva(n)? a llamar(me)?|me (pueden|puede|podeis) "
    r"llamar|puede(n)? llamarme|llamarme|me llaman|me llamas|me vuelve(n)? a llamar|"
    r"contacteme|contactenme)\b",
    r"\b(arayin|arayiniz|arar misiniz|arayabilir misiniz|arayabilirsiniz|beni ara\w*|"
    r"tekrar ara\w*|geri ara\w*|donus yap\w*|ara beni|arasin\w*|arayin lutfen)\b",
)
TIME_QUESTION = cue(
    r"\b(what time|which time|at what time|what hour|time suits|time works|time is best|"
    r"time would|a good time|best time|when)\b",
    r"\b(a que hora|que hora|cuando|a que horas)\b",
    r"\b(saat kac\w*|hangi saat\w*|ne zaman|kacta)\b",
)
NAME_QUESTION = cue(
    r"\bname\b|\bwho (am i|do i have|is this|'?s this|are you)\b|\bwho'?s (this|calling)\b|"
    r"\bspeaking (with|to)\b|\bam i speaking\b|\bwho am i talking\b|\bmay i ask who\b|"
    r"\bon the line\b|\bwho (is|am i) (speaking|talking)\b|\bintroduce yourself\b",
    r"\bnombre\b|\bcon quien (hablo|tengo el gusto)\b|\bcomo se llama\b|\bcomo te llamas\b|"
    r"\bquien (habla|es)\b",
    r"\b(adiniz|isminiz|adin|ismin|kiminle gorus\w*|kimsiniz|kim ariyor|adinizi|isminizi|"
    r"ad soyad\w*|soyadiniz)\b",
)
PHONE_CUE = cue(
    r"\b(number is|number's|reach me|call me (back )?(at|on)|text me|cell|mobile|phone|"
    r"landline|my number|whatsapp)\b",
    r"\b(mi numero|numero es|mi telefono|mi movil|mi celular|llamame al|llameme al|"
    r"me pueden llamar al|al numero|telefono es|movil es|celular es)\b",
    r"\b(numaram\w*|numara\w*|telefonum\w*|cep\w*|gsm)\b",
)
PHONE_QUESTION = cue(
    r"\b(number|phone|reach you|call you (back )?(at|on))\b",
    r"\b(numero|telefono|movil|celular)\b",
    r"\b(numara\w*|telefon\w*|cep\w*)\b",
)
NOT_A_PHONE = cue(
    r"\b(account|order|policy|reference|ref|card|member(ship)?|case|invoice|tracking|serial|"
    r"zip|postcode|postal|customer id|id number|confirmation|ticket|claim|vin|meter)\b",
    r"\b(cuenta|pedido|poliza|referencia|tarjeta|factura|contrato|cliente|codigo postal|"
    r"expediente|dni)\b",
    r"\b(hesap|siparis|police|referans|kart|fatura|musteri numara\w*|abone\w*|sozlesme\w*|"
    r"tc kimlik|posta kodu)\b",
)
SAME_NUMBER = cue(
    r"\b(this|the same|my current|the one i'?m calling from|this one|same)\b.{0,20}"
    r"\b(number|one)\b.{0,20}\b(fine|good|works|ok|okay|best|is)\b",
    r"\b(use|call) (this|the same|my) (number|one)\b|\bsame number\b|"
    r"\bthe number (you|you'?re) (called|calling|have)\b|\bthe one you (called|have)\b",
    r"\b(este|el mismo|mismo) (numero|telefono)\b|\bal que (me )?(llamo|llamaron|llaman)\b|"
    r"\bdesde el que llamo\b",
    r"\b(bu|ayni) numara\w*|\baradiginiz numara\w*|\bsu anki numara\w*",
)
CORRECTION = cue(
    r"\b(sorry|not|mean|actually|wait|make that|rather|correction|oops|scratch that)\b",
    r"\b(perdon|digo|mejor dicho|no,|espere|corrijo)\b",
    r"\b(pardon|yani|hayir|degil|dur|bir dakika|duzeltiyorum)\b",
)

# Interest, strongest first within each level. A cue is strong when it says where the
# customer stands in so many words, weak when it only hints.
INTEREST_STRONG: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("none", cue(
        r"\bnot interested\b|\bno interest\b|\bwrong number\b|\bremove me\b|\btake me off\b",
        r"\bnot for (me|us)\b|\bnot looking\b|\bdon'?t (want|need) (it|one|any|this|that|solar)\b",
        r"\balready (have|got|bought|replaced|signed|use|installed|switched)\b|"
        r"\bjust (had|got|bought|installed|signed)\b",
        r"\bunsubscribe\b|\bstop calling\b|\bno thanks\b|\bno thank you\b|\bnot at all\b",
        r"\bno me interesa\b|\bno estoy interesad[oa]\b|\bnumero equivocado\b|"
        r"\bno (lo |la )?(necesito|quiero|necesitamos|queremos)\b|\bya (tengo|tenemos|"
        r"contrate|contratamos)\b|\bno,? gracias\b|\bno es para (mi|nosotros)\b",
        r"\bilgilenmiyor\w*|\bistemiyor\w*|\byanlis numara\b|\bihtiyac\w* yok\b|"
        r"\bzaten (var|aldik|aldim|kullaniyor\w*)\b|\bbize gore degil\b|"
        r"\bhic ilgi\w*",
    )),
    ("high", cue(
        r"\b(very|really|so|extremely|super|definitely) interested\b|\bsign (me|us) up\b",
        r"\blet'?s (do it|go|go ahead|book|get started|start|begin|get going)\b|\bget started\b",
        r"\bi want (it|one|this|that)\b|\b(i|we) (want|need|would like|'d like) to (buy|sign|go "
        r"ahead|proceed|get|order|book|upgrade|switch|install|join|start|sign up)\b",
        r"\bready to\b|\bcan'?t wait\b|\bas soon as possible\b|\basap\b|\burgent(ly)?\b",
        r"\bi'?d love\b|\bcount me in\b|\bwant to (buy|sign|go ahead|proceed|get|order|book)\b",
        r"\bgo ahead\b|\bbook (it|me|us)\b|\breserve (it|one|me)\b|\bi'?ll take (it|one)\b",
        r"\bneed (someone|it|one) (now|today|urgently|asap)\b|\bwhere do i sign\b|"
        r"\bwe'?re ready\b|\bnext steps?\b|\bhow (do|can) (i|we) (start|sign up|get started)\b",
        r"\bme interesa mucho\b|\bmuy interesad[oa]\b|\binteresadisim[oa]\b|\bquiero "
        r"(contratar|comprar|firmar|empezar|hacerlo|instalar)\b|\blo antes posible\b|"
        r"\bcuanto antes\b|\bme encanta\b|\bapuntame\b|\bapunteme\b|\badelante\b|"
        r"\bestoy list[oa]\b|\bvamos a hacerlo\b|\bdonde firmo\b",
        r"\bcok ilgileniyor\w*|\bhemen\b|\ben kisa (surede|zamanda)\b|\b(almak|baslamak|"
        r"yaptirmak|kurdurmak|imzalamak) istiyor\w*|\bkesinlikle (istiyor\w*|ilgileniyor\w*)|"
        r"\bhazirim\b|\bhaziriz\b|\bbaslayalim\b|\bhemen baslayalim\b",
    )),
    ("low", cue(
        r"\bnot really\b|\bprobably not\b|\bnot right now\b|\bnot at the moment\b",
        r"\bnot a priority\b|\b(too|very|bit|pretty|quite|so|really|rather|rather) expensive\b|"
        r"\bexpensive for (me|us)\b|\bcan'?t afford\b|\bi doubt\b|\b(over|out of) (my|our) "
        r"budget\b",
        r"\bnot (that|very|too|particularly|especially) interested\b|\bmaybe next year\b|"
        r"\bnot now\b|\bnot this (year|month|time)\b|\bmoney is tight\b|\bunlikely\b",
        r"\bhappy with (my|our|the) (current|existing)\b|\bstay(ing)? with (my|our)\b",
        r"\bdon'?t think (it'?s|that'?s|this is|so)\b|\bnot sure it'?s for\b|"
        r"\bnot (up to me|my decision)\b|\bnot (convinced|sold)\b|\bmaybe someday\b|"
        r"\bnot in the market\b",
        r"\bno creo\b|\bahora no\b|\bpor ahora no\b|\bmuy caro\b|\bdemasiado caro\b|"
        r"\bprobablemente no\b|\bno es (una )?prioridad\b|\bquiza(s)? mas adelante\b|"
        r"\bel ano que viene\b|\bno (me )?convence\b|\bde momento no\b",
        r"\bpek (sanmiyor\w*|ilgilen\w*|dusunmuyor\w*)|\bsu an (degil|icin degil|dusunmuyor\w*)|"
        r"\bsimdilik (degil|dusunmuyor\w*|yok)\b|\bcok pahali\b|\bpahali\b|\bbelki ileride\b|"
        r"\bsanmiyorum\b|\boncelik\w* degil\b|\bseneye\b|\bemin degilim ama pek\b",
    )),
    ("medium", cue(
        r"\binterested\b|\bthink (about )?it\b|\bthinking (about|of)\b|\btalk to my\b",
        r"\bsend me (the |some )?(more )?(info|information|details|a quote|an offer)\b",
        r"\bmore information\b|\bnot sure\b|\bdepends\b|\bconsider(ing)?\b|\bbefore i decide\b",
        r"\bwe'?ll see\b|\btell me more\b|\bsounds (interesting|good|nice|great)\b|"
        r"\bcould be (interesting|worth)\b|\bopen to\b|\bhaven'?t decided\b|\bcheck with\b",
        r"\bme interesa\b|\binteresad[oa]\b|\blo pensare\b|\b(tengo|tenemos) que pensarlo\b|"
        r"\bpensarlo\b|\bque pensar\b|\blo pienso\b|"
        r"\benvie(me|nme) (informacion|detalles|una oferta|un presupuesto)\b|"
        r"\bmas informacion\b|\bhablar con mi (esposa|esposo|marido|mujer|pareja|socio)\b|"
        r"\bno (estoy )?segur[oa]\b|\bdepende\b",
        r"\bilgileniyor\w*|\bdusunecegim\b|\bdusunmem (lazim|gerek)\w*|\bdusuneyim\b|"
        r"\bbilgi (gonder|at|yolla)\w*|\b(esimle|esime|ortagimla) (konus|danis)\w*|"
        r"\bemin degilim\b|\bbakariz\b|\bdusunuruz\b|\bdusunelim\b|\bilginc\b",
    )),
)  # fmt: skip
INTEREST_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("medium", cue(
        r"\bcurious\b|\bmaybe\b|\bpossibly\b|\bperhaps\b|\bcompar(e|ing)\b|\bquotes?\b",
        r"\bprices?\b|\bi don'?t know\b|\bhow much\b|\bcost\b|\bwhat (would|does) it\b",
        r"\btal vez\b|\bquiza(s)?\b|\bprecio\b|\bcuanto (cuesta|cuestan|sale|vale)\b|"
        r"\bpresupuesto\b|\bno se\b",
        r"\bbelki\b|\bfiyat\w*|\bne kadar\b|\bkac para\b|\bteklif\w*|\bbilmiyorum\b",
    )),
    ("high", cue(
        r"\bsounds (perfect|amazing|fantastic|excellent)\b|\bdefinitely\b|\bkeen\b|"
        r"\beager\b|\bvery much\b|\bwe want\b|\babsolutely\b",
        r"\bperfecto\b|\bgenial\b|\bpor supuesto\b|\bclaro que si\b",
        r"\bharika\b|\bsuper\b|\bmukemmel\b|\bkesinlikle\b",
    )),
)  # fmt: skip

# The customer's mood (the sentiment preset), English only: "not happy" before "happy".
SENTIMENT_NEGATIVE = cue(
    r"\b(not|never|hardly|nothing) (very |at all |really |so |too )?(happy|pleased|glad|"
    r"satisfied|good|great|helpful|impressed)\b",
    r"\b(annoyed|annoying|angry|furious|frustrated|frustrating|upset|disappointed|"
    r"disappointing|terrible|awful|horrible|ridiculous|unacceptable|useless|worst|rude|"
    r"fed up|sick of|tired of|waste of (my )?time|complain\w*|stop calling)\b",
)
SENTIMENT_POSITIVE = cue(
    r"\b(great|perfect|wonderful|excellent|fantastic|amazing|brilliant|lovely|happy|glad|"
    r"pleased|delighted|thrilled|love it|really helpful|very helpful|so helpful|"
    r"thank you so much|thanks so much|thanks a lot|much appreciated)\b",
)

# A recorded greeting instead of a person (the voicemail preset); a customer who only
# mentions a voicemail ("I got your voicemail") is not one.
VOICEMAIL = cue(
    r"\b(leave|record) (a|your) (message|name|voice ?mail)\b",
    r"\bafter the (tone|beep)\b|\bat the (tone|beep)\b",
    r"\b(you'?ve|you have) reached (the )?(voice ?mail|mailbox)\b",
    r"\b(mailbox|voice ?mail( box)?) is full\b|\banswering machine\b",
    r"\b(can'?t|cannot|can not|unable to) (take|answer|come to) (your call|the phone)\b",
    r"\bthe (person|number|subscriber) you (are calling|have (dialled|dialed|called))\b",
)
