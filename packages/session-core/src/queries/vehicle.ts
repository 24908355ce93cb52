import type { Session } from '../types.ts';

/** The vehicle a session is about, as clients see it. */
export interface Vehicle {
  year: number;
  make: string;
  model: string;
  vin: string | null;
}

export type VehicleColumns = Pick<Session, 'vehicleYear' | 'vehicleMake' | 'vehicleModel' | 'vehicleVin'>;

export function vehicleOf(session: VehicleColumns): Vehicle {
  return {
    year: session.vehicleYear,
    make: session.vehicleMake,
    model: session.vehicleModel,
    vin: session.vehicleVin,
  };
}
