'use client';

import { CaseList } from '../../../components/cases/case-list';
import { RoleGate } from '../../../components/role-gate';

export default function CasesPage() {
  return (
    <RoleGate roles={['radiologist', 'ml_engineer', 'admin']}>
      <CaseList />
    </RoleGate>
  );
}
