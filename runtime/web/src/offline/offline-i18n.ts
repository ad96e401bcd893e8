/** The words of the offline pages (area, outbox, badge), French first; loaded with those pages only. */
import { useContext } from 'react';
import { LangContext } from '../i18n.tsx';

const DICT = {
  offline: ['Hors ligne', 'Offline'],
  areasLink: ['Zones hors ligne', 'Offline areas'],
  takeOffline: ['Emporter une zone hors ligne', 'Take an area offline'],
  takeOfflineHint: [
    'Les enregistrements choisis, leurs enfants, les listes de valeurs, les taxons, les observateurs, les jeux de données et le fond de carte sont copiés sur cet appareil pour la saisie sans réseau.',
    'The chosen records, their children, the value lists, taxa, observers, datasets and the base map are copied to this device for entry without network.',
  ],
  module: ['Module', 'Module'],
  chooseBy: ['Choisir par', 'Choose by'],
  bySites: ['Sites', 'Sites'],
  byMap: ['Zone de la carte', 'Map area'],
  mapViewHint: [
    'La zone emportée est la vue actuelle de la carte : déplacez et zoomez la carte pour la cadrer.',
    'The area taken is the current map view: pan and zoom the map to frame it.',
  ],
  areaName: ['Nom de la zone', 'Area name'],
  maxZoom: ['Zoom maximal du fond de carte', 'Base map maximum zoom'],
  estimate: ['Estimer', 'Estimate'],
  download: ['Télécharger sur cet appareil', 'Download to this device'],
  records: ['Enregistrements', 'Records'],
  tiles: ['Tuiles de carte', 'Map tiles'],
  size: ['Taille', 'Size'],
  aboutSize: ['environ', 'about'],
  overLimit: [
    'Au-delà de la limite ({tiles} tuiles, {mb} Mo) : baissez le zoom maximal ou réduisez la zone.',
    'Over the limit ({tiles} tiles, {mb} MB): lower the maximum zoom or narrow the area.',
  ],
  noTiles: [
    'Pas de fond de carte configuré : seules les données sont emportées.',
    'No base map configured: only the data is taken.',
  ],
  downloading: ['Téléchargement…', 'Downloading…'],
  downloaded: ['Zone enregistrée sur cet appareil.', 'Area stored on this device.'],
  stored: ['Zones sur cet appareil', 'Areas on this device'],
  noArea: ['Aucune zone emportée.', 'No area taken offline.'],
  remove: ['Retirer', 'Remove'],
  removeAsk: ['Retirer cette zone de cet appareil ?', 'Remove this area from this device?'],
  outboxNotEmpty: [
    'Des modifications de ce module attendent l’envoi : synchronisez avant de retirer la zone.',
    'Changes of this module wait to be sent: sync before removing the area.',
  ],
  space: ['Espace utilisé sur cet appareil', 'Space used on this device'],
  of: ['sur', 'of'],
  selectSites: ['Choisissez au moins un site.', 'Choose at least one site.'],
  outbox: ['Envois en attente', 'Outbox'],
  outboxHint: [
    'Les saisies faites sur cet appareil, dans l’ordre, jusqu’à ce que le serveur les accepte.',
    'Entries made on this device, in order, until the server accepts them.',
  ],
  pending: ['en attente', 'pending'],
  pendingTitle: ['{n} envoi(s) en attente', '{n} change(s) waiting to be sent'],
  nothingPending: [
    'Rien en attente : tout est sur le serveur.',
    'Nothing waiting: everything is on the server.',
  ],
  sync: ['Synchroniser', 'Sync'],
  syncing: ['Synchronisation…', 'Syncing…'],
  syncOffline: [
    'Hors ligne : la synchronisation se fera au retour du réseau.',
    'Offline: sync will run when the network is back.',
  ],
  syncDone: [
    'Synchronisation : {done} accepté(s), {conflicts} conflit(s), {refused} refusé(s), {waiting} en attente.',
    'Sync: {done} accepted, {conflicts} conflict(s), {refused} refused, {waiting} waiting.',
  ],
  syncFailed: [
    'La synchronisation n’a pas abouti, rien n’est perdu :',
    'Sync did not complete, nothing is lost:',
  ],
  create: ['Création', 'Create'],
  update: ['Modification', 'Update'],
  delete: ['Suppression', 'Delete'],
  statePending: ['À envoyer', 'To send'],
  stateConflict: ['Conflit', 'Conflict'],
  stateRefused: ['Refusé', 'Refused'],
  stateBlocked: ['Attend son parent', 'Waits for its parent'],
  conflictHint: [
    'Quelqu’un a modifié cet enregistrement sur le serveur pendant ce temps. Choisissez la version à garder.',
    'Someone changed this record on the server meanwhile. Choose the version to keep.',
  ],
  field: ['Champ', 'Field'],
  mine: ['Ma version', 'Mine'],
  theirs: ['Version du serveur', 'Server’s'],
  keepMine: ['Garder la mienne', 'Keep mine'],
  takeTheirs: ['Prendre celle du serveur', 'Take theirs'],
  correct: ['Corriger', 'Correct'],
  discard: ['Abandonner', 'Discard'],
  discardAsk: ['Abandonner cette saisie pour de bon ?', 'Discard this entry for good?'],
  gpsAccuracy: ['Position GPS à ± {m} m', 'GPS position within {m} m'],
  queuedAt: ['saisi le', 'entered on'],
  parentMissing: [
    'Son parent ({level}) n’existe plus sur le serveur, ou ne vous est pas visible.',
    'Its parent ({level}) no longer exists on the server, or is not visible to you.',
  ],
  photoQueued: [
    'Photo gardée sur l’appareil, envoyée à la synchronisation.',
    'Photo kept on the device, sent at sync.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type OfflineKey = keyof typeof DICT;

export function useOfflineT() {
  const lang = useContext(LangContext);
  return (key: OfflineKey, values: Record<string, string | number> = {}) =>
    Object.entries(values).reduce(
      (text, [k, v]) => text.replace(`{${k}}`, String(v)),
      DICT[key][lang === 'fr' ? 0 : 1] as string,
    );
}
