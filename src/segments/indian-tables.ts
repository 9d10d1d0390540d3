// 3GPP TS 23.038 annex A: the Indian national language tables (identifiers 4–13), in their own
// module so that programs that never pass them do not ship them.
import type { NationalLanguageTables } from './shift-tables.js';

/** Bengali (national language identifier 4): locking shift §A.3.4, single shift §A.2.4. */
export const bengali: NationalLanguageTables = {
  language: 'bengali',
  identifier: 4,
  lockingShift:
    'ঁংঃঅআইঈউঊঋ\nঌ\x1b\r\x1bএঐ\x1b\x1bওঔকখগঘঙচ\x1bছজঝঞ !টঠডঢণত)(থদ,ধ.ন0123456789:;\x1bপফ?বভমযর\x1bল\x1b\x1b\x1bশষসহ়ঽািীুূৃৄ\x1b\x1bেৈ\x1b\x1bোৌ্ৎabcdefghijklmnopqrstuvwxyzৗড়ঢ়ৰৱ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*০১২৩৪৫৬৭৮৯য়ৠৡৢ{}ৣ৲৳৴৵\\৶৷৸৹৺[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Gujarati (national language identifier 5): locking shift §A.3.5, single shift §A.2.5. */
export const gujarati: NationalLanguageTables = {
  language: 'gujarati',
  identifier: 5,
  lockingShift:
    'ઁંઃઅઆઇઈઉઊઋ\nઌઍ\r\x1bએઐઑ\x1bઓઔકખગઘઙચ\x1bછજઝઞ !ટઠડઢણત)(થદ,ધ.ન0123456789:;\x1bપફ?બભમયર\x1bલળ\x1bવશષસહ઼ઽાિીુૂૃૄૅ\x1bેૈૉ\x1bોૌ્ૐabcdefghijklmnopqrstuvwxyzૠૡૢૣ૱',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥૦૧૨૩૪૫૬૭૮૯{}\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Hindi (national language identifier 6): locking shift §A.3.6, single shift §A.2.6. */
export const hindi: NationalLanguageTables = {
  language: 'hindi',
  identifier: 6,
  lockingShift:
    'ँंःअआइईउऊऋ\nऌऍ\rऎएऐऑऒओऔकखगघङच\x1bछजझञ !टठडढणत)(थद,ध.न0123456789:;ऩपफ?बभमयरऱलळऴवशषसह़ऽािीुूृॄॅॆेैॉॊोौ्ॐabcdefghijklmnopqrstuvwxyzॲॻॼॾॿ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥०१२३४५६७८९॒॑{}॓॔क़ख़ग़\\ज़ड़ढ़फ़य़ॠॡॢॣ॰ॱ[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Kannada (national language identifier 7): locking shift §A.3.7, single shift §A.2.7. */
export const kannada: NationalLanguageTables = {
  language: 'kannada',
  identifier: 7,
  lockingShift:
    '\x1bಂಃಅಆಇಈಉಊಋ\nಌ\x1b\rಎಏಐ\x1bಒಓಔಕಖಗಘಙಚ\x1bಛಜಝಞ !ಟಠಡಢಣತ)(ಥದ,ಧ.ನ0123456789:;\x1bಪಫ?ಬಭಮಯರಱಲಳ\x1bವಶಷಸಹ಼ಽಾಿೀುೂೃೄ\x1bೆೇೈ\x1bೊೋೌ್ೕabcdefghijklmnopqrstuvwxyzೖೠೡೢೣ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥೦೧೨೩೪೫೬೭೮೯ೞೱ{}ೲ\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Malayalam (national language identifier 8): locking shift §A.3.8, single shift §A.2.8. */
export const malayalam: NationalLanguageTables = {
  language: 'malayalam',
  identifier: 8,
  lockingShift:
    '\x1bംഃഅആഇഈഉഊഋ\nഌ\x1b\rഎഏഐ\x1bഒഓഔകഖഗഘങച\x1bഛജഝഞ !ടഠഡഢണത)(ഥദ,ധ.ന0123456789:;\x1bപഫ?ബഭമയരറലളഴവശഷസഹ\x1bഽാിീുൂൃൄ\x1bെേൈ\x1bൊോൌ്ൗabcdefghijklmnopqrstuvwxyzൠൡൢൣ൹',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥൦൧൨൩൪൫൬൭൮൯൰൱{}൲൳൴൵ൺ\\ൻർൽൾൿ[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Oriya (national language identifier 9): locking shift §A.3.9, single shift §A.2.9. */
export const oriya: NationalLanguageTables = {
  language: 'oriya',
  identifier: 9,
  lockingShift:
    'ଁଂଃଅଆଇଈଉଊଋ\nଌ\x1b\r\x1bଏଐ\x1b\x1bଓଔକଖଗଘଙଚ\x1bଛଜଝଞ !ଟଠଡଢଣତ)(ଥଦ,ଧ.ନ0123456789:;\x1bପଫ?ବଭମଯର\x1bଲଳ\x1bଵଶଷସହ଼ଽାିୀୁୂୃୄ\x1b\x1bେୈ\x1b\x1bୋୌ୍ୖabcdefghijklmnopqrstuvwxyzୗୠୡୢୣ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥୦୧୨୩୪୫୬୭୮୯ଡ଼ଢ଼{}ୟ୰ୱ\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Punjabi (national language identifier 10): locking shift §A.3.10, single shift §A.2.10. */
export const punjabi: NationalLanguageTables = {
  language: 'punjabi',
  identifier: 10,
  lockingShift:
    'ਁਂਃਅਆਇਈਉਊ\x1b\n\x1b\x1b\r\x1bਏਐ\x1b\x1bਓਔਕਖਗਘਙਚ\x1bਛਜਝਞ !ਟਠਡਢਣਤ)(ਥਦ,ਧ.ਨ0123456789:;\x1bਪਫ?ਬਭਮਯਰ\x1bਲਲ਼\x1bਵਸ਼\x1bਸਹ਼\x1bਾਿੀੁੂ\x1b\x1b\x1b\x1bੇੈ\x1b\x1bੋੌ੍ੑabcdefghijklmnopqrstuvwxyzੰੱੲੳੴ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥੦੧੨੩੪੫੬੭੮੯ਖ਼ਗ਼{}ਜ਼ੜਫ਼ੵ\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Tamil (national language identifier 11): locking shift §A.3.11, single shift §A.2.11. */
export const tamil: NationalLanguageTables = {
  language: 'tamil',
  identifier: 11,
  lockingShift:
    '\x1bஂஃஅஆஇஈஉஊ\x1b\n\x1b\x1b\rஎஏஐ\x1bஒஓஔக\x1b\x1b\x1bஙச\x1b\x1bஜ\x1bஞ !ட\x1b\x1b\x1bணத)(\x1b\x1b,\x1b.ந0123456789:;னப\x1b?\x1b\x1bமயரறலளழவஶஷஸஹ\x1b\x1bாிீுூ\x1b\x1b\x1bெேை\x1bொோௌ்ௐabcdefghijklmnopqrstuvwxyzௗ௰௱௲௹',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*।॥௦௧௨௩௪௫௬௭௮௯௳௴{}௵௶௷௸௺\\[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Telugu (national language identifier 12): locking shift §A.3.12, single shift §A.2.12. */
export const telugu: NationalLanguageTables = {
  language: 'telugu',
  identifier: 12,
  lockingShift:
    'ఁంఃఅఆఇఈఉఊఋ\nఌ\x1b\rఎఏఐ\x1bఒఓఔకఖగఘఙచ\x1bఛజఝఞ !టఠడఢణత)(థద,ధ.న0123456789:;\x1bపఫ?బభమయరఱలళ\x1bవశషసహ\x1bఽాిీుూృౄ\x1bెేై\x1bొోౌ్ౕabcdefghijklmnopqrstuvwxyzౖౠౡౢౣ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*౦౧౨౩౪౫౬౭౮౯ౘౙ{}౸౹౺౻౼\\౽౾౿[~]|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};

/** Urdu (national language identifier 13): locking shift §A.3.13, single shift §A.2.13. */
export const urdu: NationalLanguageTables = {
  language: 'urdu',
  identifier: 13,
  lockingShift:
    'اآبٻڀپڦتۂٿ\nٹٽ\rٺټثجځڄڃڅچڇحخد\x1bڌڈډڊ !ڏڍذرڑړ)(ڙز,ږ.ژ0123456789:;ښسش?صضطظعفقکڪګگڳڱلمنںڻڼوۄەہھءیېےٍُِٗٔabcdefghijklmnopqrstuvwxyzّٰٕٖٓ',
  singleShift: '@£$¥¿"¤%&\'\f*+-/<=>¡^¡_#*\u0600\u0601۰۱۲۳۴۵۶۷۸۹،؍{}؎؏ؐؑؒ\\ؓؔ؛؟ـْ٘٫٬ٲٳۍ[~]۔|ABCDEFGHIJKLMNOPQRSTUVWXYZ€',
};
