import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';

/** OpenStreetMap view of a WGS-84 point (a circle marker, so no marker images are needed). */
export default function LocationMap({
  latitude,
  longitude,
  label,
  height = 320,
}: {
  latitude: number;
  longitude: number;
  label?: string;
  height?: number;
}) {
  return (
    <div className="map-box" style={{ height }} data-testid="customer-map">
      <MapContainer
        center={[latitude, longitude]}
        zoom={14}
        scrollWheelZoom={false}
        style={{ height: '100%', width: '100%' }}
      >
        <TileLayer
          attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
          url="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
        />
        <CircleMarker
          center={[latitude, longitude]}
          radius={10}
          pathOptions={{ color: '#1677ff', fillColor: '#1677ff', fillOpacity: 0.5 }}
        >
          {label ? (
            <Tooltip permanent direction="top" offset={[0, -10]}>
              {label}
            </Tooltip>
          ) : null}
        </CircleMarker>
      </MapContainer>
    </div>
  );
}
