'use client';

import { ModelsPage } from '../../../components/models/models-page';
import { RoleGate } from '../../../components/role-gate';

export default function Page() {
  return (
    <RoleGate roles={['ml_engineer', 'admin', 'radiologist', 'compliance']}>
      <ModelsPage />
    </RoleGate>
  );
}
