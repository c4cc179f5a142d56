// Nicknames and short forms of given names: "Bob" for Robert, "Pepe" for José, "Natasha" for Natalia.
import {US_NICKNAMES} from "./data/nicknames";

/**
 * Short forms in the languages the US data set leaves out (Spanish, Portuguese, Italian, German,
 * French, Polish, Russian and Ukrainian, Greek, Arabic), kept by this project: "name/spelling:nick,nick;".
 * Names are in lower-case Latin letters as `nameTokens` gives them (Cyrillic and Greek transliterated).
 */
const MORE =
  "jose/josep:pepe,pepito,chepe,ze,zezinho,jose;francisco:paco,pancho,curro,paquito,kiko,cisco,chico,xico;ignacio:nacho;" +
  "guadalupe:lupe,lupita;jesus:chucho,chuy;dolores:lola,lolita;concepcion:concha,conchita;guillermo:memo,guille;" +
  "enrique:quique,kike;alejandro:alejo,ale,jando;manuel:manolo,manu,lolo;antonio:tono,toni,tonio,tonho,toninho;" +
  "rosario:charo,chayo;eduardo:lalo;gonzalo:chalo;luis:lucho;alberto:beto,tito;roberto:beto,tito;maria:mari,maruca,masha,manya;" +
  "josefa:pepa,pepita;mercedes:merche,meche;isabel:chabela,isa,chabe;fernando:nando,fer;rafael:rafa,rafi;federico:fede,quico;" +
  "jorge:coque;ramon:moncho;santiago:santi,chago;carlos:carlitos,charly;ricardo:richi;javier:javi;daniela:dani;" +
  "gabriela:gaby,gabi;valentina:vale;sofia:sofi;camila:cami;alejandra:ale,sandra;beatriz:bea;patricia:patri,paty;" +
  "monica:moni;veronica:vero;adrian:adri;nicolas:nico;tomas:tomi;emilio:emi;joaquin:quino,juaco;fatima:fati,fatma,tota;" +
  "andres:andy;miguel:migue;raul:raulito;ines:inesita;hector:tito;ximena:xime;renata:rena;ivan:vanya,vanyusha;" +
  "marisol:sol;angel:angelito;oscar:oski;elena/yelena/eleni:lena,lenochka,elenitsa,nena;joao:joaozinho;goncalo:gonca;" +
  "giuseppe:beppe,peppe,pino,peppino;giovanni:gianni,nanni,vanni;francesco:franco,checco,cesco;salvatore:toto,turi;" +
  "domenico:mimmo;vincenzo:enzo;lorenzo:renzo;alessandro:sandro;matteo:teo;giulia:giuly;chiara:chiarina;" +
  "johannes:hans,jo,hannes;josef:sepp,seppl;wolfgang:wolf,wolfi;friedrich:fritz;margarete:grete,gretel;" +
  "elisabeth:lisa,liesl,sissi,elli;katharina:kathi,katja;jurgen:jurg;francois:franck;helene:lena;" +
  "malgorzata:gosia,malgosia;wojciech:wojtek;krzysztof:krzys,krzysiek;agnieszka:aga,agusia;katarzyna:kasia;lukasz:luki;" +
  "aleksandr/alexander/oleksandr:sasha,sanya,shura,sasa;aleksandra/alexandra:sasha,shura,ola;dmitrii/dmitry/dmitri:dima,mitya;" +
  "mikhail:misha,mishka;nikolai/mykola:kolya;sergei/sergey/serhii:seryozha,serezha,seryoga;" +
  "ekaterina/yekaterina/katerina/aikaterini:katya,katyusha,katia,katina,kaiti;tatiana/tatyana:tanya,tania;olga:olya,olia;" +
  "natalia/natalya/nataliia:natasha,nata,natasa;pavel/pavlo:pasha;vladimir/volodymyr:volodya,vova,vlad;boris:borya;" +
  "anastasiia/anastasia:nastya,asya;kseniia/ksenia:ksyusha;iurii/yuri/yury:yura;svetlana:sveta;galina:galya;" +
  "liudmila/lyudmila:lyuda,mila;aleksei/alexei/alexey:alyosha,lyosha,lesha;andrei/andrey:andryusha;viktor:vitya;" +
  "roman:roma;denis:denya;oleg:olezhka;iuliia/yulia:yulya;anna:anya,anechka,nyura;irina:ira,irochka;" +
  "evgenii/evgeny/yevgeny:zhenya;petr/pyotr:petya;grigorii/grigory:grisha;konstantin:kostya;stanislav:stas;" +
  "viacheslav/vyacheslav:slava;iaroslav/yaroslav:slava;georgios/giorgos:giorgis,yorgos,george;" +
  "dimitrios/dimitris:mitsos,takis,dimitri;konstantinos:kostas,dinos,kostis;nikolaos/nikos:nikolas;" +
  "ioannis:giannis,yannis,yiannis,giannakis;panagiotis:panos,takis,notis;vasiliki:vaso,vicky,kiki;christos:christakis;" +
  "georgia:gogo;spyridon/spyros:spiros;theodora:dora;anastasios:tasos;evangelos:vangelis;athanasios:thanasis,thanos;" +
  "mohamed/mohammed/muhammad/mohammad:hamada,mido,moe,mo;abdullah/abdallah:abdo,abed;ibrahim:hema;youssef/yusuf:joe;" +
  "mahmoud:hoda;mostafa/mustafa:moustafa;khaled/khalid:khalood;omar:omari";

let groupsOf: Map<string, number[]> | undefined;

function index(): Map<string, number[]> {
  if (!groupsOf) {
    groupsOf = new Map();
    let group = 0;
    for (const source of [US_NICKNAMES, MORE]) {
      for (const entry of source.split(";")) {
        const [names = "", nicks = ""] = entry.split(":");
        for (const word of new Set([...names.split("/"), ...nicks.split(",")])) {
          if (word) {
            groupsOf.set(word, [...(groupsOf.get(word) ?? []), group]);
          }
        }
        group++;
      }
    }
  }
  return groupsOf;
}

/**
 * Whether two given names are forms of one name: a name and its nickname ("robert", "bob"), two
 * nicknames of one name ("bob", "rob"), or two spellings of one name ("natalia", "natalya").
 * Two full names that only share a nickname ("albert", "alexander" both give "al") are not.
 * `sameGivenName("jose", "pepe")` → true.
 */
export function sameGivenName(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  if (diminutive(a, b) || diminutive(b, a)) {
    return true;
  }
  const map = index();
  const x = map.get(a);
  const y = map.get(b);
  return Boolean(x && y && x.some((g) => y.includes(g)));
}

/** Whether a word is in the nickname table at all (a known given name or nickname). */
export function isKnownGivenName(word: string): boolean {
  return index().has(word);
}

/** Spanish and Portuguese diminutives: "anita" for Ana, "juanito" for Juan, "carlitos" for Carlos. */
function diminutive(small: string, name: string): boolean {
  const stem = /^(.{2,}?)(?:c?it[oa]s?|inh[oa])$/.exec(small)?.[1];
  return Boolean(stem) && name.length >= 3 && (name === stem || name.replace(/[aeos]+$/, "") === stem);
}
