'use client';

import { use } from 'react';
import { RoleGate } from '../../../../components/role-gate';
import { CaseViewer } from '../../../../components/viewer/case-viewer';

export default function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return (
    <RoleGate roles={['radiologist', 'ml_engineer', 'admin']}>
      <CaseViewer caseId={id} />
    </RoleGate>
  );
}
